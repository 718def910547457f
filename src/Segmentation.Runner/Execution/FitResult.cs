using Segmentation.Clustering;

namespace Segmentation.Runner.Execution;

/// <summary>What fitting one trial produced: the model, a label per training row and algorithm-specific metrics.</summary>
/// <param name="Model">The fitted clustering model.</param>
/// <param name="Labels">Cluster of each training row (−1 = noise).</param>
/// <param name="AlgorithmMetrics">Metrics only this algorithm has (inertia for KMeans, bic/aic for GMM).</param>
public sealed record FitResult(IClusterModel Model, int[] Labels, IReadOnlyDictionary<string, double> AlgorithmMetrics);
