using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Progress;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Planning.Tuning;

/// <summary>The tpe strategy end to end: the runner's loop, its history in the tracking store, resume and stopping.</summary>
public sealed class AdaptiveSweepTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _other = new();

    public void Dispose()
    {
        _dir.Dispose();
        _other.Dispose();
    }

    [Fact]
    public async Task RunAsync_Tpe_RunsMaxTrialsAndTheSameConfigAgainRunsNothing()
    {
        _dir.Write("configs/s.yaml", Sweep("max_trials: 6, batch_size: 2, startup_trials: 2"));

        var first = await Runner().RunAsync(Request(_dir), null, CancellationToken.None);
        var second = await Runner().RunAsync(Request(_dir), null, CancellationToken.None);

        Assert.Equal(6, first.Ran);
        Assert.Equal(14, first.PlannedTrials);
        using var store = Open(_dir);
        var children = await Children(store, first);
        Assert.Equal(6, children.Count(c => c.Info.Status == RunStatus.Finished));
        Assert.Equal(6, children.Select(c => c.Data.Tags[SegmentationTags.TrialHash]).Distinct().Count());
        Assert.Equal(0, second.Ran);
        Assert.Equal(6, second.Skipped);
        Assert.Equal(first.ParentRunId, second.ParentRunId);
        Assert.Equal(6, second.Leaderboard.Entries.Count);
    }

    [Fact]
    public async Task RunAsync_TpeCancelledThenRunAgain_ContinuesToExactlyTheTrialsOfAnUninterruptedSearch()
    {
        // One proposal per batch: the cancelled search's history (its first trial) is a prefix of the uninterrupted one's.
        const string Strategy = "max_trials: 7, batch_size: 1, startup_trials: 3";
        _dir.Write("configs/s.yaml", Sweep(Strategy));
        _other.Write("configs/s.yaml", Sweep(Strategy));
        using var cancel = new CancellationTokenSource();

        var cancelled = await Runner().RunAsync(Request(_dir, maxParallel: 1), new CancelAfterFirst(cancel), cancel.Token);
        var resumed = await Runner().RunAsync(Request(_dir, maxParallel: 1), null, CancellationToken.None);
        var uninterrupted = await Runner().RunAsync(Request(_other, maxParallel: 1), null, CancellationToken.None);

        Assert.True(cancelled.Cancelled);
        Assert.Equal(1, cancelled.Ran);
        Assert.Equal(6, resumed.Ran);
        Assert.Equal(1, resumed.Skipped);
        Assert.Equal(cancelled.ParentRunId, resumed.ParentRunId);
        using var a = Open(_dir);
        using var b = Open(_other);
        Assert.Equal(await FinishedHashes(b, uninterrupted), await FinishedHashes(a, resumed));
    }

    [Fact]
    public async Task RunAsync_TpeBudgetRaised_SameSweepRunsOnlyTheExtraTrials()
    {
        _dir.Write("configs/s.yaml", Sweep("max_trials: 4, batch_size: 2, startup_trials: 2"));
        var first = await Runner().RunAsync(Request(_dir), null, CancellationToken.None);
        _dir.Write("configs/s.yaml", Sweep("max_trials: 7, batch_size: 2, startup_trials: 2"));

        var grown = await Runner().RunAsync(Request(_dir), null, CancellationToken.None);

        Assert.Equal(first.SweepId, grown.SweepId);
        Assert.Equal(first.ParentRunId, grown.ParentRunId);
        Assert.Equal((4, 3, 4), (first.Ran, grown.Ran, grown.Skipped));
    }

    [Fact]
    public void Plan_TpeOtherSeed_OtherSweepOverTheSameCandidates()
    {
        _dir.Write("configs/s.yaml", Sweep("max_trials: 2, seed: 1"));
        var one = Runner().DryRun(Request(_dir), CancellationToken.None);
        _dir.Write("configs/s.yaml", Sweep("max_trials: 2, seed: 2"));
        var two = Runner().DryRun(Request(_dir), CancellationToken.None);

        Assert.NotEqual(one.Plan.SweepId, two.Plan.SweepId);
        Assert.Equal(one.Plan.Trials.Select(t => t.Hash), two.Plan.Trials.Select(t => t.Hash));
    }

    [Fact]
    public async Task RunAsync_TpePatienceRunsOut_StopsBeforeTheBudget()
    {
        // No gain can beat min_delta 10 silhouette: the first trial sets the best, the second is one without improvement.
        _dir.Write("configs/s.yaml", Sweep("max_trials: 10, batch_size: 1, startup_trials: 2, patience: 1, min_delta: 10"));

        var summary = await Runner().RunAsync(Request(_dir, maxParallel: 1), null, CancellationToken.None);

        Assert.Equal(2, summary.Ran);
    }

    private static string Sweep(string strategy) => $$"""
        experiment:
          name: tpe-tests
        search:
          scalers: [standard, robust]
          algorithms:
            kmeans: {k: {from: 2, to: 6}, n_init: 2}
            agglomerative: {k: [2, 3], linkage: [ward]}
        strategy: {kind: tpe, {{strategy}}}
        constraints: {min_k: 2}
        """;

    private static async Task<IReadOnlyList<string>> FinishedHashes(ITrackingStore store, SweepSummary summary) =>
        [.. (await Children(store, summary)).Where(c => c.Info.Status == RunStatus.Finished).Select(c => c.Data.Tags[SegmentationTags.TrialHash]).Order(StringComparer.Ordinal)];

    private static async Task<IReadOnlyList<Run>> Children(ITrackingStore store, SweepSummary summary) =>
        await store.SearchRunsAsync(new RunSearchRequest([summary.ExperimentId], $"tags.`{MlflowTags.ParentRunId}` = '{summary.ParentRunId}'"));

    private static SweepRunner Runner() => new(OpenBackend, new SyntheticDataSource(), TimeProvider.System);

    private static ITrackingBackend OpenBackend(TrackingUri uri) => new TrackingStoreFactory(_ => null, TimeProvider.System, "/").Open(uri);

    private static ITrackingBackend Open(TempDirectory dir) => OpenBackend(TrackingUri.Parse("sqlite:///mlflow.db", dir.Path));

    private static SweepRequest Request(TempDirectory dir, int? maxParallel = null) =>
        new(new SweepConfigRequest("configs/s.yaml", null, dir.Path, _ => null), null, maxParallel);

    private sealed class CancelAfterFirst(CancellationTokenSource cancel) : ISweepObserver
    {
        public void Started(SweepPlan plan, int shardTrials, int alreadyFinished)
        {
        }

        public void TrialCompleted(TrialOutcome outcome, SweepProgress progress) => cancel.Cancel();
    }
}
