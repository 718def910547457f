using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Validation;

/// <summary>One log-batch request's worth of entities, within MLflow's per-request limits.</summary>
public sealed record LogBatchChunk(IReadOnlyList<Metric> Metrics, IReadOnlyList<Param> Params, IReadOnlyList<RunTag> Tags);
