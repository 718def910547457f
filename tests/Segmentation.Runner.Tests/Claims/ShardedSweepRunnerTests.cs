using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Progress;
using Segmentation.Runner.Selection;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Tests.Claims;

/// <summary>The parent's fate when a shard ends: closed only once the whole plan is done, never killed by one shard.</summary>
public sealed class ShardedSweepRunnerTests : IDisposable
{
    private const string Sweep = """
        experiment:
          name: sharded-runner-tests
        search:
          scalers: [standard]
          algorithms:
            kmeans: {k: {from: 2, to: 5}, n_init: 2}
        constraints: {min_k: 2}
        """;

    private readonly TempDirectory _dir = new();

    public ShardedSweepRunnerTests() => _dir.Write("configs/s.yaml", Sweep);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_FirstOfTwoShards_LeavesTheParentRunningAndSaysWhatIsLeft()
    {
        var summary = await Runner().RunAsync(Request(new ShardSpec(1, 2)), null, CancellationToken.None);

        Assert.Equal(2, summary.AwaitingTrials);
        using var store = Open();
        Assert.Equal(RunStatus.Running, (await store.GetRunAsync(summary.ParentRunId)).Info.Status);
    }

    [Fact]
    public async Task RunAsync_ShardCancelled_LeavesTheSharedParentRunningNotKilled()
    {
        using var cancel = new CancellationTokenSource();

        var summary = await Runner().RunAsync(Request(new ShardSpec(1, 2), maxParallel: 1), new CancelAfterFirst(cancel), cancel.Token);

        Assert.True(summary.Cancelled);
        using var store = Open();
        Assert.Equal(RunStatus.Running, (await store.GetRunAsync(summary.ParentRunId)).Info.Status);
    }

    [Fact]
    public async Task RunAsync_Finish_RefusedWhileAShardIsMissingThenClosesTheParent()
    {
        await Runner().RunAsync(Request(new ShardSpec(2, 2)), null, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<SelectionException>(
            () => Runner().RunAsync(Request(null, finish: true, finishShards: 2), null, CancellationToken.None));
        Assert.Contains("2 planned trial(s) have no finished run (shards 1/2)", refused.Message, StringComparison.Ordinal);

        await Runner().RunAsync(Request(new ShardSpec(1, 2)), null, CancellationToken.None);
        var finished = await Runner().RunAsync(Request(null, finish: true, finishShards: 2), null, CancellationToken.None);

        Assert.Equal((0, 4), (finished.Ran, finished.Leaderboard.Entries.Count));
        using var store = Open();
        Assert.Equal(RunStatus.Finished, (await store.GetRunAsync(finished.ParentRunId)).Info.Status);
    }

    private static SweepRunner Runner() => new(OpenBackend, new SyntheticDataSource(), TimeProvider.System);

    private static ITrackingBackend OpenBackend(TrackingUri uri) => new TrackingStoreFactory(_ => null, TimeProvider.System, "/").Open(uri);

    private ITrackingBackend Open() => OpenBackend(TrackingUri.Parse("sqlite:///mlflow.db", _dir.Path));

    private SweepRequest Request(ShardSpec? shard, int? maxParallel = null, bool finish = false, int finishShards = 1) =>
        new(new SweepConfigRequest("configs/s.yaml", null, _dir.Path, _ => null), shard, maxParallel, null, finish, finishShards);

    private sealed class CancelAfterFirst(CancellationTokenSource cancel) : ISweepObserver
    {
        public void Started(SweepPlan plan, int shardTrials, int alreadyFinished)
        {
        }

        public void TrialCompleted(TrialOutcome outcome, SweepProgress progress) => cancel.Cancel();
    }
}
