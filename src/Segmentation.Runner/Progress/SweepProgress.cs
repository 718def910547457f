namespace Segmentation.Runner.Progress;

/// <summary>A snapshot of a running sweep, for live progress displays.</summary>
/// <param name="Done">Trials of this invocation completed (finished, failed or skipped).</param>
/// <param name="Total">Trials this invocation handles (the shard's share of the plan).</param>
/// <param name="Failed">Trials that failed so far.</param>
/// <param name="Skipped">Trials skipped because a FINISHED run already existed.</param>
/// <param name="Elapsed">Wall time since the sweep started.</param>
/// <param name="Eta">Estimated remaining time from the average time per executed trial, or null before the first one.</param>
/// <param name="BestRunName">The best eligible trial so far, or null.</param>
/// <param name="BestValue">Its objective value, or NaN.</param>
public sealed record SweepProgress(int Done, int Total, int Failed, int Skipped, TimeSpan Elapsed, TimeSpan? Eta, string? BestRunName, double BestValue);
