using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner;

/// <summary>What <c>--dry-run</c> shows: the effective config with provenance and the planned trials; nothing is run or logged.</summary>
/// <param name="Config">The loaded configuration.</param>
/// <param name="Data">The training table the plan's hashes are computed on.</param>
/// <param name="Plan">The full plan.</param>
/// <param name="Shard">The shard whose trials would run.</param>
/// <param name="WorkingDirectory">The directory config paths are shown relative to.</param>
public sealed record SweepDryRun(LoadedSweepConfig Config, TrainingData Data, SweepPlan Plan, ShardSpec Shard, string WorkingDirectory)
{
    /// <summary>The trials this invocation would run.</summary>
    public IReadOnlyList<Trial> ShardTrials => Plan.ForShard(Shard);
}
