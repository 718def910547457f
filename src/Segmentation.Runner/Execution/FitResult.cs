using Segmentation.Clustering;

namespace Segmentation.Runner.Execution;

/// <summary>What fitting one trial produced: the model, a label per training row and algorithm-specific metrics.</summary>
/// <param name="Model">The fitted clustering model.</param>
/// <param name="Labels">Cluster of each training row (−1 = noise).</param>
/// <param name="AlgorithmMetrics">Metrics only this algorithm has (inertia for KMeans, bic/aic for GMM).</param>
public sealed record FitResult(IClusterModel Model, int[] Labels, IReadOnlyDictionary<string, double> AlgorithmMetrics)
{
    /// <summary>
    /// The linkage of the group's shared agglomerative tree when <see cref="Labels"/> are one of its cuts (null for other
    /// algorithms): the silhouette then comes from that tree's fine distance sums (<see cref="PreprocessedData.Silhouette"/>).
    /// </summary>
    public Clustering.Hierarchical.Linkage? TreeCutOf { get; init; }
}
