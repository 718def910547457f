namespace Segmentation.Runner.Planning;

/// <summary>The ordered trials of a sweep on one dataset.</summary>
/// <param name="Trials">Every trial of the plan, in order (before sharding); for an adaptive strategy, every candidate it may propose.</param>
/// <param name="ConfigHash">Hash of the effective config (see <c>LoadedSweepConfig.ConfigHash</c>).</param>
/// <param name="DatasetDigest">Digest of the feature table the trials train on.</param>
/// <param name="SweepId">Key of the sweep's parent run: derived from the dataset digest and the trial hashes (<see cref="SweepPlanner.SweepId"/>), so shards and re-runs with edited constraints agree.</param>
/// <param name="SearchSpaceSize">Number of combinations in the search space (the plan may sample fewer).</param>
public sealed record SweepPlan(IReadOnlyList<Trial> Trials, string ConfigHash, string DatasetDigest, string SweepId, int SearchSpaceSize)
{
    /// <summary>The trials of one shard, in plan order.</summary>
    public IReadOnlyList<Trial> ForShard(ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return Trials.Where(t => shard.Contains(t.Index)).ToList();
    }
}
