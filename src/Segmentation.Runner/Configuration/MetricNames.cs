namespace Segmentation.Runner.Configuration;

/// <summary>The metric names a trial logs, and which direction is better for each.</summary>
public static class MetricNames
{
    /// <summary>Mean silhouette coefficient in [-1, 1]; higher is better.</summary>
    public const string Silhouette = "silhouette";

    /// <summary>Davies-Bouldin index; lower is better.</summary>
    public const string DaviesBouldin = "davies_bouldin";

    /// <summary>Calinski-Harabasz index; higher is better.</summary>
    public const string CalinskiHarabasz = "calinski_harabasz";

    /// <summary>Within-cluster sum of squares (in the preprocessed space); lower is better.</summary>
    public const string Inertia = "inertia";

    /// <summary>Bayesian information criterion (GMM only); lower is better.</summary>
    public const string Bic = "bic";

    /// <summary>Akaike information criterion (GMM only); lower is better.</summary>
    public const string Aic = "aic";

    /// <summary>Number of clusters found (noise excluded).</summary>
    public const string ClusterCount = "n_clusters";

    /// <summary>Share of points labelled noise (DBSCAN; 0 for the others).</summary>
    public const string NoiseFraction = "noise_fraction";

    /// <summary>Share of points in the smallest cluster.</summary>
    public const string MinClusterFraction = "min_cluster_fraction";

    /// <summary>Share of points in the largest cluster.</summary>
    public const string MaxClusterFraction = "max_cluster_fraction";

    /// <summary>Wall time of the fit, in seconds (not deterministic; never used for selection).</summary>
    public const string FitSeconds = "fit_seconds";

    /// <summary>Metrics an objective or a gate may name.</summary>
    public static IReadOnlyList<string> Scores { get; } =
        [Silhouette, DaviesBouldin, CalinskiHarabasz, Inertia, Bic, Aic, ClusterCount, NoiseFraction, MinClusterFraction, MaxClusterFraction];

    /// <summary>The natural direction of a score: maximize for silhouette and Calinski-Harabasz, minimize for the rest.</summary>
    public static ObjectiveDirection NaturalDirection(string metric) => metric switch
    {
        Silhouette or CalinskiHarabasz or ClusterCount or MinClusterFraction => ObjectiveDirection.Maximize,
        _ => ObjectiveDirection.Minimize,
    };
}
