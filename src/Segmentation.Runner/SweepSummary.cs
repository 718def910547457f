using Segmentation.Runner.Promotion;
using Segmentation.Runner.Reporting;

namespace Segmentation.Runner;

/// <summary>The result of a sweep invocation, for printing and for <c>--json</c>.</summary>
/// <param name="TrackingUri">The tracking URI written to (credentials masked).</param>
/// <param name="ExperimentName">MLflow experiment name.</param>
/// <param name="ExperimentId">MLflow experiment id.</param>
/// <param name="ParentRunId">The sweep's parent run.</param>
/// <param name="SweepId">The sweep key (config hash + dataset digest).</param>
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
    PromotionResult? Promotion = null);
