using Segmentation.Runner.Data;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>What an adaptive search needs from the sweep runner: the store's history, the one trial-execution path, the data.</summary>
/// <param name="ReadFinished">The FINISHED runs of the given trial hashes in this sweep's experiment and dataset, by hash (<see cref="SweepMembership"/>).</param>
/// <param name="Execute">Fits and records a batch on the given training table; a failed trial is recorded FAILED, not thrown.</param>
/// <param name="Data">The full training table.</param>
/// <param name="Workers">Trials run at once.</param>
/// <param name="Shard">This invocation's shard.</param>
public sealed record SearchHooks(
    Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyDictionary<string, TrialRun>>> ReadFinished,
    Func<IReadOnlyList<Trial>, TrainingData, CancellationToken, Task> Execute,
    TrainingData Data,
    int Workers,
    ShardSpec Shard);
