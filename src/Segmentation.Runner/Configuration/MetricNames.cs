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

    /// <summary>Share of the revenue (the customers' <c>monetary</c>) earned by the largest segment (most customers, noise excluded).</summary>
    public const string LargestSegmentRevenueShare = "largest_segment_revenue_share";

    /// <summary>Mean adjusted Rand index of bootstrap refits against the trial's labels (top trials only); higher is better.</summary>
    public const string StabilityAriMean = "stability_ari_mean";

    /// <summary>The worst bootstrap refit's adjusted Rand index against the trial's labels (top trials only).</summary>
    public const string StabilityAriMin = "stability_ari_min";

    /// <summary>Wall time of the fit, in seconds (not deterministic; never used for selection).</summary>
    public const string FitSeconds = "fit_seconds";

    /// <summary>Metrics an objective or a gate may name.</summary>
    public static IReadOnlyList<string> Scores { get; } =
        [Silhouette, DaviesBouldin, CalinskiHarabasz, Inertia, Bic, Aic, ClusterCount, NoiseFraction, MinClusterFraction, MaxClusterFraction,
         LargestSegmentRevenueShare, StabilityAriMean, StabilityAriMin];

    /// <summary>The natural direction of a score: maximize for silhouette, Calinski-Harabasz and stability, minimize for the rest.</summary>
    public static ObjectiveDirection NaturalDirection(string metric) => metric switch
    {
        Silhouette or CalinskiHarabasz or ClusterCount or MinClusterFraction or StabilityAriMean or StabilityAriMin => ObjectiveDirection.Maximize,
        _ => ObjectiveDirection.Minimize,
    };
}
