using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner;

/// <summary>One <c>segment sweep</c> invocation.</summary>
/// <param name="Config">Where the configuration comes from.</param>
/// <param name="Shard">Which share of the plan to run (default: all).</param>
/// <param name="MaxParallel">Trials run at once; null = the number of cores.</param>
/// <param name="ExportDirectory">Where to write the experiment folder after the sweep (see <c>ExperimentExport</c>); null writes none.</param>
/// <param name="Finish">
/// <c>--finish</c>: run no trial; once every shard is done, close the parent FINISHED over all trials (leaderboard, curves,
/// report, promote_at_end). Refused, saying what is left, while trials run elsewhere or were never run.
/// </param>
/// <param name="FinishShardCount">With <see cref="Finish"/>: the shard count, to name the shards whose trials are missing.</param>
public sealed record SweepRequest(
    SweepConfigRequest Config, ShardSpec? Shard = null, int? MaxParallel = null, string? ExportDirectory = null, bool Finish = false, int FinishShardCount = 1);
