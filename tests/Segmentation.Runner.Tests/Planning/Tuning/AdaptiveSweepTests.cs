using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Planning.Tuning;
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

    [Fact]
    public async Task RunAsync_Halving_AllRungsLoggedButOnlyFullDataTrialsAreMembers()
    {
        // 14 candidates on half the customers, the best 7 on all of them.
        _dir.Write("configs/s.yaml", Sweep("min_fraction: 0.5, eta: 2", "halving"));

        var summary = await Runner().RunAsync(Request(_dir), null, CancellationToken.None);

        Assert.Equal(21, summary.Ran);
        using var store = Open(_dir);
        var children = await Children(store, summary);
        var subsample = children.Where(c => c.Data.Params.ContainsKey(SuccessiveHalving.FractionParam)).ToList();
        Assert.Equal(14, subsample.Count);
        Assert.All(subsample, c => Assert.Equal(("0", "0.5"), (c.Data.Params[SuccessiveHalving.RungParam], c.Data.Params[SuccessiveHalving.FractionParam])));
        var full = children.Except(subsample).ToList();
        Assert.Equal(7, full.Count);
        // The tags say the same where the runs table filters: strategy on every trial, rung and fraction per rung.
        Assert.All(children, c => Assert.Equal("halving", c.Data.Tags[SegmentationTags.Strategy]));
        Assert.All(subsample, c => Assert.Equal(("0", "0.5"), (c.Data.Tags[SegmentationTags.Rung], c.Data.Tags[SegmentationTags.Fraction])));
        Assert.All(full, c => Assert.Equal("1", c.Data.Tags[SegmentationTags.Fraction]));
        Assert.All(full, c => Assert.False(c.Data.Tags.ContainsKey(SegmentationTags.Rung)));
        Assert.Equal(7, summary.Leaderboard.Entries.Count);
        Assert.Equal(
            full.Select(c => c.Info.RunId).Order(StringComparer.Ordinal),
            summary.Leaderboard.Entries.Select(e => e.Trial.RunId).Order(StringComparer.Ordinal));
        // The survivors are the best half of the first rung (eligible first, then by silhouette, then plan order).
        var firstRung = subsample.Select(c => (Name: c.Info.RunName[..c.Info.RunName.LastIndexOf("-r0", StringComparison.Ordinal)], Score: c.Data.Metrics.TryGetValue("silhouette", out var m) ? m.Value : double.NaN)).ToList();
        var cut = firstRung.Select(r => r.Score).Where(double.IsFinite).OrderDescending().ElementAt(6);
        Assert.All(full, c => Assert.True(firstRung.Single(r => r.Name == c.Info.RunName).Score >= cut));
    }

    [Fact]
    public async Task RunAsync_HalvingCancelledThenRunAgain_ContinuesToTheTrialsOfAnUninterruptedSearch()
    {
        _dir.Write("configs/s.yaml", Sweep("min_fraction: 0.5, eta: 2", "halving"));
        _other.Write("configs/s.yaml", Sweep("min_fraction: 0.5, eta: 2", "halving"));
        using var cancel = new CancellationTokenSource();

        var cancelled = await Runner().RunAsync(Request(_dir, maxParallel: 1), new CancelAfterFirst(cancel), cancel.Token);
        var resumed = await Runner().RunAsync(Request(_dir), null, CancellationToken.None);
        var uninterrupted = await Runner().RunAsync(Request(_other), null, CancellationToken.None);

        Assert.True(cancelled.Cancelled);
        // Ctrl-C lands after the first trial, but on a loaded machine the next one may already have started and finish
        // (the runner closes the trial under way): what matters is that the re-run fits only the rest.
        Assert.InRange(cancelled.Ran, 1, 2);
        Assert.Equal(21, cancelled.Ran + resumed.Ran);
        using var a = Open(_dir);
        using var b = Open(_other);
        Assert.Equal(await FinishedHashes(b, uninterrupted), await FinishedHashes(a, resumed));
        Assert.Equal(21, (await FinishedHashes(a, resumed)).Count);
    }

    [Fact]
    public async Task RunAsync_HalvingPatience_FullDataRungStopsEarly_ARunAgainFitsNothingMore()
    {
        // 14 candidates on half the customers, the best 7 on all; no trial can gain min_delta 1 over the first full-data
        // one, so patience 2 stops the last rung after 3 of its 7 trials.
        _dir.Write("configs/s.yaml", Sweep("min_fraction: 0.5, eta: 2, patience: 2, min_delta: 1", "halving"));

        var first = await Runner().RunAsync(Request(_dir, maxParallel: 1), null, CancellationToken.None);
        var again = await Runner().RunAsync(Request(_dir, maxParallel: 1), null, CancellationToken.None);

        Assert.Equal(14 + 3, first.Ran);
        Assert.Equal(0, again.Ran);
        using var store = Open(_dir);
        var children = await Children(store, first);
        var full = children.Where(c => c.Info.Status == RunStatus.Finished && !c.Data.Params.ContainsKey(SuccessiveHalving.RungParam)).ToList();
        Assert.Equal(3, full.Count);
        Assert.Equal(3, first.Leaderboard.Entries.Count);
    }

    [Fact]
    public async Task RunAsync_HalvingDbscan_SubsampleRunsRecordTheWidenedEpsAndTheFullDataOne()
    {
        _dir.Write("configs/s.yaml", """
            experiment:
              name: halving-dbscan
            search:
              scalers: [standard]
              algorithms:
                dbscan: {eps: [0.3, 0.6], min_samples: [5]}
            strategy: {kind: halving, min_fraction: 0.125, eta: 2}
            constraints: {min_k: 1}
            """);

        var summary = await Runner().RunAsync(Request(_dir, maxParallel: 1), null, CancellationToken.None);

        using var store = Open(_dir);
        var children = await Children(store, summary);
        var firstRung = children.Where(c => c.Data.Params.GetValueOrDefault(SuccessiveHalving.RungParam) == "0").ToList();
        Assert.Equal(2, firstRung.Count);
        foreach (var run in firstRung)
        {
            var full = double.Parse(run.Data.Params[SuccessiveHalving.FullValuePrefix + "dbscan.eps"], System.Globalization.CultureInfo.InvariantCulture);
            var fitted = double.Parse(run.Data.Params["dbscan.eps"], System.Globalization.CultureInfo.InvariantCulture);
            // An eighth of the customers in the 3 features of the synthetic table: eps doubled.
            Assert.Contains(full, new[] { 0.3, 0.6 });
            Assert.Equal(2 * full, fitted, 12);
            Assert.Equal("5", run.Data.Params["dbscan.min_samples"]);
        }

        var last = Assert.Single(children, c => !c.Data.Params.ContainsKey(SuccessiveHalving.RungParam));
        Assert.DoesNotContain(last.Data.Params.Keys, k => k.StartsWith(SuccessiveHalving.FullValuePrefix, StringComparison.Ordinal));
    }

    private static string Sweep(string strategy, string kind = "tpe") => $$"""
        experiment:
          name: tpe-tests
        search:
          scalers: [standard, robust]
          algorithms:
            kmeans: {k: {from: 2, to: 6}, n_init: 2}
            agglomerative: {k: [2, 3], linkage: [ward]}
        strategy: {kind: {{kind}}, {{strategy}}}
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
