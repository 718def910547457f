using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>What <see cref="SweepMetricsExporter"/> puts on a parent run: curve metrics (step = k) and the elbow params.</summary>
/// <param name="Metrics">Per-family and best-family curves at step = k, and the best trial's objective value.</param>
/// <param name="Params">The Kneedle elbow k per family and of the best trial's family (one value each, so params, not one-point charts).</param>
public sealed record SweepCurveExport(IReadOnlyList<Metric> Metrics, IReadOnlyList<Param> Params);
