using Segmentation.Data.Configuration;
using Segmentation.Data.Products;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Progress;
using Segmentation.Runner.Recording;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests;

public sealed class SweepRunnerTests : IDisposable
{
    private const string Sweep = """
        experiment:
          name: runner-tests
        search:
          scalers: [standard, robust]
          algorithms:
            kmeans: {k: {from: 2, to: 4}, n_init: 2}
            agglomerative: {k: [2, 3], linkage: [ward]}
        constraints: {min_k: 2}
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_SmallGrid_LogsParentChildrenAndArtifacts()
    {
        _dir.Write("configs/s.yaml", Sweep);

        var summary = await Runner().RunAsync(Request(), null, CancellationToken.None);

        Assert.Equal((10, 10, 0, 0), (summary.PlannedTrials, summary.Ran, summary.Skipped, summary.Failed));
        using var store = Open();
        var parent = await store.GetRunAsync(summary.ParentRunId);
        Assert.Equal(RunStatus.Finished, parent.Info.Status);
        Assert.Equal(summary.Leaderboard.Best!.Trial.RunId, parent.Data.Tags[SegmentationTags.BestRunId]);
        Assert.Contains("Best eligible trial", parent.Data.Tags[MlflowTags.NoteContent], StringComparison.Ordinal);
        Assert.Single(parent.Inputs);
        var rootArtifacts = await store.ListArtifactsAsync(summary.ParentRunId);
        Assert.Contains(rootArtifacts, a => a.Path == "leaderboard.csv");
        Assert.Contains(rootArtifacts, a => a.Path == "sweep_config.yaml");
        var curve = await store.GetMetricHistoryAsync(summary.ParentRunId, MetricKeys.Sanitize("silhouette/kmeans-n2-standard"));
        Assert.Equal([2L, 3L, 4L], curve.Select(m => m.Step));

        var children = await Children(store, summary);
        Assert.Equal(10, children.Count);
        Assert.All(children, c => Assert.Equal(RunStatus.Finished, c.Info.Status));
        var child = children.Single(c => c.Info.RunName == "kmeans-k3-n2-robust");
        Assert.Equal("3", child.Data.Params["k"]);
        Assert.Equal("robust", child.Data.Params["scaler"]);
        Assert.Equal("kmeans", child.Data.Params["algorithm"]);
        Assert.Equal("LOCAL", child.Data.Tags[MlflowTags.SourceType]);
        Assert.Equal(summary.DatasetDigest, child.Data.Tags[SegmentationTags.DatasetDigest]);
        Assert.Matches("^[0-9a-f]{64}$", child.Data.Tags[SegmentationTags.TrialHash]);
        foreach (var metric in new[] { "silhouette", "davies_bouldin", "calinski_harabasz", "inertia", "n_clusters", "min_cluster_fraction", "fit_seconds" })
        {
            Assert.True(child.Data.Metrics.ContainsKey(metric), metric);
        }

        // A new local store is at MLflow 3's schema: the model is the run's logged model, its files in that model's folder only.
        var download = Path.Combine(_dir.Path, "model.downloaded");
        await ModelFolder.DownloadAsync(store, child.Info.RunId, download);
        Assert.Empty(await store.ListArtifactsAsync(child.Info.RunId, "model"));
        Assert.Equal(
            ["MLmodel", "code/segmentation_pyfunc.py", "input_example.json", "python_env.yaml", "requirements.txt", "segmentation.json", "serving_input_example.json"],
            Directory.EnumerateFiles(download, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(download, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        var text = await File.ReadAllTextAsync(Path.Combine(download, "MLmodel"));
        Assert.Contains("run_id: " + child.Info.RunId, text, StringComparison.Ordinal);
        Assert.Contains("  segmentation:\n    document: segmentation.json", text, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"segment\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SmallGrid_ReportsTimeInEveryPhaseItWentThrough()
    {
        _dir.Write("configs/s.yaml", Sweep);

        var summary = await Runner().RunAsync(Request(), null, CancellationToken.None);

        var phases = summary.PhaseSeconds.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["load", "preprocessing", "fits", "metrics", "stability", "logging", "artifacts", "report"], summary.PhaseSeconds.Select(p => p.Key));
        Assert.All(["preprocessing", "fits", "metrics", "logging", "artifacts", "report"], p => Assert.True(phases[p] > 0, p));
        // No stability section in this config; load is the synthetic source's (it may round to 0).
        Assert.Equal(0, phases["stability"]);
        Assert.InRange(phases["report"], 0, summary.WallSeconds);
    }

    [Fact]
    public async Task RunAsync_LoggingOneTrialsFinishFails_ThatTrialFailedAndTheSweepGoesOn()
    {
        _dir.Write("configs/s.yaml", Sweep);
        var runner = new SweepRunner(uri => FailingFinishBackend.Wrap(OpenBackend(uri), "kmeans-k3-n2-robust"), new SyntheticDataSource(), TimeProvider.System);

        var summary = await runner.RunAsync(Request(maxParallel: 2), null, CancellationToken.None);

        Assert.Equal((9, 1), (summary.Ran, summary.Failed));
        using var store = Open();
        var children = await Children(store, summary);
        Assert.Equal(RunStatus.Failed, children.Single(c => c.Info.RunName == "kmeans-k3-n2-robust").Info.Status);
        Assert.All(children.Where(c => c.Info.RunName != "kmeans-k3-n2-robust"), c => Assert.Equal(RunStatus.Finished, c.Info.Status));
        Assert.Equal(RunStatus.Finished, (await store.GetRunAsync(summary.ParentRunId)).Info.Status);
        Assert.DoesNotContain(summary.Leaderboard.Entries, e => e.Trial.RunName == "kmeans-k3-n2-robust");
    }

    [Fact]
    public async Task RunAsync_StabilityConfigured_TopTrialsGetStabilityInTheirRunsAndAnyParallelismAgrees()
    {
        var sweep = Sweep.Replace("constraints: {min_k: 2}", "constraints: {min_k: 2, min_stability: 0.5}\nstability: {bootstraps: 4, top: 2}", StringComparison.Ordinal);
        var four = new TempDirectory();
        try
        {
            _dir.Write("configs/s.yaml", sweep);
            four.Write("configs/s.yaml", sweep);

            var summary = await Runner().RunAsync(Request(maxParallel: 1), null, CancellationToken.None);
            var parallel = await Runner().RunAsync(Request(four.Path, maxParallel: 4), null, CancellationToken.None);

            using var store = Open();
            var checkedRuns = (await Children(store, summary)).Where(c => c.Data.Metrics.ContainsKey(MetricNames.StabilityAriMean)).ToList();
            Assert.Equal(2, checkedRuns.Count);
            Assert.All(checkedRuns, c => Assert.InRange(c.Data.Metrics[MetricNames.StabilityAriMin].Value, -1, c.Data.Metrics[MetricNames.StabilityAriMean].Value));
            Assert.Contains(summary.Leaderboard.Best!.Trial.RunId, checkedRuns.Select(c => c.Info.RunId));
            Assert.Equal(Stability(summary), Stability(parallel));

            // Resumed: every trial skipped and the numbers already logged are read back, not computed again.
            var again = await Runner().RunAsync(Request(maxParallel: 1), null, CancellationToken.None);
            Assert.Equal(Stability(summary), Stability(again));
            Assert.Equal(summary.Leaderboard.Best!.Trial.RunId, again.Leaderboard.Best!.Trial.RunId);
        }
        finally
        {
            four.Dispose();
        }

        static List<string> Stability(SweepSummary s) =>
            s.Leaderboard.Entries.Where(e => e.Trial.Metrics.ContainsKey(MetricNames.StabilityAriMean))
                .Select(e => $"{e.Trial.TrialHash}:{e.Trial.Metric(MetricNames.StabilityAriMean):R}/{e.Trial.Metric(MetricNames.StabilityAriMin):R}")
                .Order(StringComparer.Ordinal)
                .ToList();
    }

    [Fact]
    public async Task RunAsync_SameConfigTwice_SecondRunSkipsEveryTrial()
    {
        _dir.Write("configs/s.yaml", Sweep);

        var first = await Runner().RunAsync(Request(), null, CancellationToken.None);
        var second = await Runner().RunAsync(Request(), null, CancellationToken.None);

        Assert.Equal((0, 10), (second.Ran, second.Skipped));
        Assert.Equal(first.ParentRunId, second.ParentRunId);
        Assert.Equal(first.Leaderboard.Best!.Trial.RunId, second.Leaderboard.Best!.Trial.RunId);
        using var store = Open();
        Assert.Equal(10, (await Children(store, second)).Count);
    }

    [Fact]
    public async Task RunAsync_TrialFails_LoggedFailedWithErrorAndSweepGoesOn()
    {
        // 30 rows cannot hold 40 clusters: that one trial fails, the other finishes.
        _dir.Write("configs/s.yaml", "search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: [2, 40]}\n");

        var summary = await new SweepRunner(OpenBackend, new SyntheticDataSource(30), TimeProvider.System).RunAsync(Request(), null, CancellationToken.None);

        Assert.Equal((1, 1), (summary.Ran, summary.Failed));
        using var store = Open();
        var failed = (await Children(store, summary)).Single(c => c.Info.Status == RunStatus.Failed);
        Assert.Equal("kmeans-k40-standard", failed.Info.RunName);
        Assert.Contains("40", failed.Data.Tags[SegmentationTags.Error], StringComparison.Ordinal);
        Assert.Equal("40", failed.Data.Params["k"]);
        Assert.Equal(RunStatus.Finished, (await store.GetRunAsync(summary.ParentRunId)).Info.Status);
    }

    [Fact]
    public async Task RunAsync_OneVersusFourParallel_IdenticalMetricsPerTrial()
    {
        _dir.Write("configs/s.yaml", Sweep);
        var one = new TempDirectory();
        var four = new TempDirectory();
        try
        {
            one.Write("configs/s.yaml", Sweep);
            four.Write("configs/s.yaml", Sweep);

            var a = await Runner().RunAsync(Request(one.Path, maxParallel: 1), null, CancellationToken.None);
            var b = await Runner().RunAsync(Request(four.Path, maxParallel: 4), null, CancellationToken.None);

            Assert.Equal(Metrics(a), Metrics(b));
            Assert.Equal(a.Leaderboard.Best!.Trial.TrialHash, b.Leaderboard.Best!.Trial.TrialHash);
        }
        finally
        {
            one.Dispose();
            four.Dispose();
        }

        static List<string> Metrics(SweepSummary s) =>
            s.Leaderboard.Entries
                .SelectMany(e => e.Trial.Metrics.Where(m => m.Key != "fit_seconds").Select(m => $"{e.Trial.TrialHash}:{m.Key}={m.Value:R}"))
                .Order(StringComparer.Ordinal)
                .ToList();
    }

    [Fact]
    public async Task ChildRunDuration_WasOnlyTheLoggingTime_RunStartsWhenItsTrialStarts()
    {
        _dir.Write("configs/s.yaml", Sweep);

        var summary = await Runner().RunAsync(Request(maxParallel: 1), null, CancellationToken.None);

        using var store = Open();
        var children = await Children(store, summary);
        Assert.All(children, c =>
        {
            // The run was created before the fit, so its Duration covers fit_seconds (which the metric was measured as).
            var durationMs = c.Info.EndTimeMs!.Value - c.Info.StartTimeMs;
            Assert.True(durationMs >= Math.Floor(c.Data.Metrics["fit_seconds"].Value * 1000), $"{c.Info.RunName}: {durationMs} ms");
            Assert.True(c.Data.Metrics["fit_seconds"].TimestampMs >= c.Info.StartTimeMs);
            var input = Assert.Single(c.Inputs);
            Assert.Equal(MlflowTags.DatasetContextTraining, input.Tags[MlflowTags.DatasetContext]);
        });
        // Sequential trials: each one starts after the previous one ended.
        var ordered = children.OrderBy(c => c.Info.StartTimeMs).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Info.StartTimeMs >= ordered[i - 1].Info.EndTimeMs!.Value - 1);
        }
    }

    [Fact]
    public async Task RunAsync_TwoShards_ShareOneParentAndCoverThePlan()
    {
        _dir.Write("configs/s.yaml", Sweep);

        var first = await Runner().RunAsync(Request(shard: new ShardSpec(1, 2)), null, CancellationToken.None);
        var second = await Runner().RunAsync(Request(shard: new ShardSpec(2, 2)), null, CancellationToken.None);

        Assert.Equal(first.ParentRunId, second.ParentRunId);
        Assert.Equal((5, 5), (first.Ran, second.Ran));
        Assert.Equal(10, second.Leaderboard.Entries.Count);
        // Shard 1 logged the curve at k = 2 and 4; shard 2 adds k = 3 without repeating those points.
        using var store = Open();
        var curve = await store.GetMetricHistoryAsync(first.ParentRunId, MetricKeys.Sanitize("inertia/kmeans-n2-standard"));
        Assert.Equal([2L, 3L, 4L], curve.Select(m => m.Step));
    }

    [Fact]
    public async Task RunAsync_CancelledAfterFirstTrial_ParentKilledAndNoRunLeftRunning()
    {
        _dir.Write("configs/s.yaml", Sweep);
        using var cancel = new CancellationTokenSource();

        var summary = await Runner().RunAsync(Request(maxParallel: 1), new CancelAfterFirst(cancel), cancel.Token);

        Assert.True(summary.Cancelled);
        using var store = Open();
        Assert.Equal(RunStatus.Killed, (await store.GetRunAsync(summary.ParentRunId)).Info.Status);
        var children = await Children(store, summary);
        Assert.InRange(children.Count, 1, 9);
        Assert.DoesNotContain(children, c => c.Info.Status == RunStatus.Running);

        var resumed = await Runner().RunAsync(Request(), null, CancellationToken.None);
        Assert.Equal(10, resumed.Ran + resumed.Skipped);
        Assert.Equal(summary.ParentRunId, resumed.ParentRunId);
        Assert.Equal(RunStatus.Finished, (await store.GetRunAsync(summary.ParentRunId)).Info.Status);
        var curve = await store.GetMetricHistoryAsync(summary.ParentRunId, MetricKeys.Sanitize("inertia/kmeans-n2-robust"));
        Assert.Equal([2L, 3L, 4L], curve.Select(m => m.Step));
    }

    [Fact]
    public async Task RunAsync_InvalidConfig_ThrowsBeforeLoadingDataOrLogging()
    {
        _dir.Write("configs/s.yaml", Sweep.Replace("linkage: [ward]", "linkage: [wards]", StringComparison.Ordinal));
        var data = new SyntheticDataSource();

        var ex = await Assert.ThrowsAsync<ConfigException>(() =>
            new SweepRunner(OpenBackend, data, TimeProvider.System).RunAsync(Request(), null, CancellationToken.None));

        Assert.Contains("search.algorithms.agglomerative.linkage[0]", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, data.Loads);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "mlflow.db")));
    }

    [Theory]
    [InlineData(0.1, true)]
    [InlineData(0.999, false)]
    public async Task RunAsync_PromoteAtEnd_GateDecidesAndRegistryFollows(double minSilhouette, bool promoted)
    {
        _dir.Write("configs/s.yaml", Sweep + System.FormattableString.Invariant(
            $"\nregistry: {{model_name: segs, alias: champion}}\ngate: {{silhouette: {{min: {minSilhouette}}}}}\npromote_at_end: true\n"));

        var summary = await Runner().RunAsync(Request(), null, CancellationToken.None);

        Assert.Equal(promoted, summary.Promotion!.Promoted);
        using var store = Open();
        var champion = promoted ? await store.GetModelVersionByAliasAsync("segs", "champion") : null;
        Assert.Equal(promoted, champion is not null);
        if (champion is not null)
        {
            Assert.Equal(summary.Leaderboard.Best!.Trial.RunId, champion.RunId);
        }
    }

    [Fact]
    public async Task PromoteAtEnd_ConstraintEditedAndSweepRunAgain_PromotesFromTheSameMembersTheLeaderboardShows()
    {
        // Regression: changing constraints.min_k changed the config hash, so the re-run made a new parent with no child
        // runs; the leaderboard (by trial hash) showed a best trial while promotion (by parent run) found none.
        const string Promote = "\nregistry: {model_name: segs, alias: champion}\ngate: {silhouette: {min: 0.0}}\npromote_at_end: true\n";
        _dir.Write("configs/s.yaml", Sweep + Promote);
        var first = await Runner().RunAsync(Request(), null, CancellationToken.None);
        _dir.Write("configs/s.yaml", Sweep.Replace("constraints: {min_k: 2}", "constraints: {min_k: 3}", StringComparison.Ordinal) + Promote);

        var second = await Runner().RunAsync(Request(), null, CancellationToken.None);

        Assert.Equal((0, 10), (second.Ran, second.Skipped));
        Assert.Equal(first.ParentRunId, second.ParentRunId);
        Assert.Equal(10, second.Leaderboard.Entries.Count);
        var best = second.Leaderboard.Best!;
        Assert.True(best.Trial.K >= 3);
        Assert.True(second.Promotion!.Promoted, second.Promotion.Decision);
        Assert.Equal(best.Trial.RunId, second.Promotion.Selection.Best!.Trial.RunId);
        Assert.Equal(
            second.Leaderboard.Entries.Select(e => e.Trial.RunId),
            second.Promotion.Selection.Leaderboard.Select(e => e.Trial.RunId));
    }

    [Fact]
    public async Task RunAsync_GridGrownAfterASweep_NewSweepReusesTheEarlierTrialsAsMembers()
    {
        _dir.Write("configs/s.yaml", Sweep);
        var first = await Runner().RunAsync(Request(), null, CancellationToken.None);
        _dir.Write("configs/s.yaml", Sweep.Replace("k: {from: 2, to: 4}", "k: {from: 2, to: 5}", StringComparison.Ordinal));

        var grown = await Runner().RunAsync(Request(), null, CancellationToken.None);

        Assert.NotEqual(first.ParentRunId, grown.ParentRunId);
        Assert.Equal((2, 10, 12), (grown.Ran, grown.Skipped, grown.Leaderboard.Entries.Count));
        using var store = Open();
        var selection = await new Runner.Selection.TrialSelector(store).SelectAsync("runner-tests", null, ObjectiveConfig.Default, ConstraintsConfig.None);
        Assert.Equal(grown.ParentRunId, selection.ParentRunId);
        Assert.Equal(grown.Leaderboard.Entries.Select(e => e.Trial.RunId).Order(StringComparer.Ordinal), selection.Leaderboard.Select(e => e.Trial.RunId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DataWithPurchases_ModelFolderListsTopProductsPerSegment()
    {
        _dir.Write("configs/s.yaml", """
            experiment:
              name: runner-tests
            search:
              scalers: [standard]
              algorithms:
                kmeans: {k: [3], n_init: 2}
            products: {min_support: 2, top: 2}
            """);

        var summary = await new SweepRunner(OpenBackend, new PurchasesDataSource(), TimeProvider.System).RunAsync(Request(), null, CancellationToken.None);

        using var store = Open();
        var child = (await Children(store, summary)).Single();
        var folder = await ModelFolder.LoadAsync(store, child.Info.RunId);
        var rows = SegmentProductsCsv.Read(folder.Attachment(SegmentProductsCsv.FileName)!, folder.AttachmentSource(SegmentProductsCsv.FileName));
        // Three clean blobs of 30: each segment's own products have lift 3 (bought by all of it, by a third of everyone).
        Assert.Equal(3, rows.Select(r => r.Segment).Distinct().Count());
        Assert.All(rows.GroupBy(r => r.Segment), g => Assert.Equal([1, 2], g.Select(r => r.Rank)));
        Assert.All(rows, r => Assert.Equal(("3.000000", 30L, 30L, 90L), (r.Lift, r.SegmentCustomersWithProduct, r.SegmentCustomers, r.AllCustomers)));
    }

    [Fact]
    public void DryRun_SmallGrid_PlansWithoutCreatingAStore()
    {
        _dir.Write("configs/s.yaml", Sweep);

        var dry = Runner().DryRun(Request(shard: new ShardSpec(2, 3)), CancellationToken.None);

        Assert.Equal(10, dry.Plan.Trials.Count);
        Assert.Equal([1, 4, 7], dry.ShardTrials.Select(t => t.Index));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "mlflow.db")));
    }

    private static async Task<IReadOnlyList<Run>> Children(ITrackingStore store, SweepSummary summary) =>
        await store.SearchRunsAsync(new RunSearchRequest([summary.ExperimentId], $"tags.`{MlflowTags.ParentRunId}` = '{summary.ParentRunId}'"));

    private SweepRunner Runner() => new(OpenBackend, new SyntheticDataSource(), TimeProvider.System);

    private static ITrackingBackend OpenBackend(TrackingUri uri) => new TrackingStoreFactory(_ => null, TimeProvider.System, "/").Open(uri);

    private ITrackingBackend Open() => OpenBackend(TrackingUri.Parse("sqlite:///mlflow.db", _dir.Path));

    private SweepRequest Request(string? directory = null, int? maxParallel = null, ShardSpec? shard = null)
    {
        var dir = directory ?? _dir.Path;
        return new SweepRequest(
            new SweepConfigRequest("configs/s.yaml", null, dir, _ => null),
            shard,
            maxParallel);
    }

    /// <summary>A backend that refuses the FINISHED update of one run (by name), as a server failing mid-sweep would; everything else passes through.</summary>
    public class FailingFinishBackend : System.Reflection.DispatchProxy
    {
        private ITrackingBackend _inner = null!;
        private string _runName = null!;
        private string? _runId;

        public static ITrackingBackend Wrap(ITrackingBackend inner, string runName)
        {
            var proxy = Create<ITrackingBackend, FailingFinishBackend>();
            var self = (FailingFinishBackend)(object)proxy;
            self._inner = inner;
            self._runName = runName;
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(ITrackingStore.UpdateRunAsync) && _runId is not null && (string?)args![0] == _runId && (RunStatus)args[1]! == RunStatus.Finished)
            {
                return Task.FromException<RunInfo>(new IOException("connection reset while finishing the run"));
            }

            var result = targetMethod.Invoke(_inner, args);
            if (targetMethod.Name == nameof(ITrackingStore.CreateRunAsync) && args![0] is CreateRunRequest request && request.RunName == _runName)
            {
                _runId = ((Task<Run>)result!).GetAwaiter().GetResult().Info.RunId;
            }

            return result;
        }
    }

    private sealed class CancelAfterFirst(CancellationTokenSource cancel) : ISweepObserver
    {
        public void Started(SweepPlan plan, int shardTrials, int alreadyFinished)
        {
        }

        public void TrialCompleted(TrialOutcome outcome, SweepProgress progress) => cancel.Cancel();
    }
}
