using Segmentation.Clustering.Metrics;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Execution;

/// <summary>Computes a trial's quality metrics from its labels (silhouette through <see cref="PreprocessedData.Silhouette"/>).</summary>
public static class TrialMetrics
{
    /// <summary>
    /// n_clusters, noise and cluster fractions always; silhouette, Davies-Bouldin and Calinski-Harabasz when they are
    /// defined (2 ≤ clusters ≤ non-noise points − 1, noise excluded as scikit-learn users do for DBSCAN).
    /// </summary>
    /// <param name="data">The trial's preprocessed matrix and its caches.</param>
    /// <param name="fit">The labels and the algorithm's own metrics.</param>
    /// <param name="seed">Draws the silhouette sample when the matrix is above <see cref="PreprocessedData.ExactSilhouetteMaxRows"/>.</param>
    public static SortedDictionary<string, double> Compute(PreprocessedData data, FitResult fit, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fit);
        var labels = fit.Labels;
        var sizes = ClusterSizes.Of(labels);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.ClusterCount] = sizes.Counts.Count,
            [MetricNames.NoiseFraction] = sizes.NoiseFraction,
            [MetricNames.MinClusterFraction] = sizes.MinFraction,
            [MetricNames.MaxClusterFraction] = sizes.MaxFraction,
        };
        foreach (var (key, value) in fit.AlgorithmMetrics)
        {
            metrics[key] = value;
        }

        var kept = sizes.Total - sizes.NoiseCount;
        if (sizes.Counts.Count >= 2 && sizes.Counts.Count <= kept - 1)
        {
            metrics[MetricNames.Silhouette] = data.Silhouette(labels, seed, fit.TreeCutOf);
            metrics[MetricNames.DaviesBouldin] = DaviesBouldin.Score(data.Transformed, labels);
            metrics[MetricNames.CalinskiHarabasz] = CalinskiHarabasz.Score(data.Transformed, labels);
        }

        if (!metrics.ContainsKey(MetricNames.Inertia) && sizes.Counts.Count >= 1)
        {
            // Within-cluster sum of squares for every algorithm, so the elbow curve can compare them.
            metrics[MetricNames.Inertia] = Inertia.Score(data.Transformed, labels);
        }

        return metrics;
    }
}
