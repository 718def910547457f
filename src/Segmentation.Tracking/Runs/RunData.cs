namespace Segmentation.Tracking.Runs;

/// <summary>A run's logged data: the latest value per metric key, params and tags.</summary>
public sealed record RunData(
    IReadOnlyDictionary<string, Metric> Metrics,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Tags);
