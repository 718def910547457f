using Segmentation.Runner.Promotion;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Segments;

namespace Segmentation.Runner;

/// <summary>
/// The report of a sweep invocation — what it did, where it logged, the ranked trials, their per-k curves and the gate
/// decision — as one object that the exporters (<c>Reporting/Exporters</c>) turn into the console summary, JSON, the
/// leaderboard CSV, the parent run's Markdown note and its curve metrics.
/// </summary>
/// <param name="TrackingUri">The tracking URI written to (credentials masked).</param>
/// <param name="ExperimentName">MLflow experiment name.</param>
/// <param name="ExperimentId">MLflow experiment id.</param>
/// <param name="ParentRunId">The sweep's parent run.</param>
/// <param name="ConfigFile">The sweep config's file name.</param>
/// <param name="SweepId">The sweep key (dataset digest + planned trial hashes).</param>
/// <param name="ConfigHash">Hash of the effective config.</param>
/// <param name="DatasetDigest">Digest of the training table.</param>
/// <param name="Shard">The shard run, e.g. <c>1/1</c>.</param>
/// <param name="PlannedTrials">Trials in the whole plan.</param>
/// <param name="ShardTrials">Trials in this shard.</param>
/// <param name="Ran">Trials executed now and FINISHED.</param>
/// <param name="Skipped">Trials skipped because a FINISHED run already existed.</param>
/// <param name="Failed">Trials logged FAILED.</param>
/// <param name="Cancelled">True when Ctrl-C stopped the sweep (parent KILLED).</param>
/// <param name="WallSeconds">Wall time of the invocation.</param>
/// <param name="Leaderboard">Every FINISHED trial of the sweep (all shards so far), ranked.</param>
/// <param name="Promotion">The gate decision when the config sets <c>promote_at_end</c>, else null.</param>
public sealed record SweepSummary(
    string TrackingUri,
    string ExperimentName,
    string ExperimentId,
    string ParentRunId,
    string ConfigFile,
    string SweepId,
    string ConfigHash,
    string DatasetDigest,
    string Shard,
    int PlannedTrials,
    int ShardTrials,
    int Ran,
    int Skipped,
    int Failed,
    bool Cancelled,
    double WallSeconds,
    Leaderboard Leaderboard,
    PromotionResult? Promotion = null)
{
    /// <summary>Wall time of the stability stage (<c>stability:</c>), in seconds; 0 when it is off or had nothing to compute.</summary>
    public double StabilitySeconds { get; init; }

    /// <summary>Seconds per sweep phase (<see cref="Execution.SweepPhases"/>), in sweep order; empty when not timed.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> PhaseSeconds { get; init; } = [];

    /// <summary>The best eligible trial's segments (from its <c>model/segments.json</c>); null without a best trial or that file.</summary>
    public IReadOnlyList<SegmentRow>? BestSegments { get; init; }

    /// <summary>Sharded: trials of other shards not yet done when this shard ended; the parent stays RUNNING until they are (0 otherwise).</summary>
    public int AwaitingTrials { get; init; }

    /// <summary>Every per-k curve of the leaderboard's trials, by family name.</summary>
    public IReadOnlyList<CurveFamily> Curves { get; } = CurveFamily.Of(Leaderboard);

    /// <summary>The family of the best eligible trial, or null when there is no best trial or it has no k.</summary>
    public CurveFamily? BestFamily => Leaderboard.Best?.Trial is { } best ? Curves.FirstOrDefault(f => f.Contains(best)) : null;
}
