using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Pipeline;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.SingleFit;

/// <summary>What fitting one configuration produced.</summary>
/// <param name="Trial">The trial that was fitted: params, run name, seed and hash as a sweep would log them.</param>
/// <param name="Pipeline">The fitted preprocessing and clustering model.</param>
/// <param name="FeatureNames">The feature columns clustered on, in order.</param>
/// <param name="CustomerIds">Customer id of each row.</param>
/// <param name="Labels">Cluster of each row (−1 = noise), aligned with <paramref name="CustomerIds"/>.</param>
/// <param name="Metrics">The metrics a sweep trial logs (see <see cref="Configuration.MetricNames"/>), fit_seconds included.</param>
/// <param name="Sizes">Points per cluster and noise.</param>
public sealed record SingleFitResult(
    Trial Trial,
    FittedPipeline Pipeline,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<long> CustomerIds,
    IReadOnlyList<int> Labels,
    IReadOnlyDictionary<string, double> Metrics,
    ClusterSizes Sizes);
