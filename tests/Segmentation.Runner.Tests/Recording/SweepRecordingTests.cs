using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Recording;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Selection;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Recording;

public sealed class SweepRecordingTests : IDisposable
{
    private const string Sweep = """
        experiment:
          name: recording-tests
        search:
          scalers: [standard]
          algorithms:
            kmeans: {k: [2, 3], n_init: 1}
        """;

    private readonly TempDirectory _dir = new();
    private readonly SqliteTrackingStore _store;

    public SweepRecordingTests() => _store = SqliteTrackingStore.Open(Path.Combine(_dir.Path, "mlflow.db"), TimeProvider.System);

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task StartAsync_SamePlanTwice_ResumesTheParentRecordsThePlanAndDescribesTheCurrentConfig()
    {
        var first = await SweepParentRun.StartAsync(Recording(Sweep), CancellationToken.None);
        var edited = Recording(Sweep + "\nconstraints: {min_k: 3}\n");

        var second = await SweepParentRun.StartAsync(edited, CancellationToken.None);

        Assert.Equal(first.RunId, second.RunId);
        var parent = await _store.GetRunAsync(second.RunId);
        Assert.Equal(RunStatus.Running, parent.Info.Status);
        Assert.Equal(edited.Plan.ConfigHash, parent.Data.Tags[SegmentationTags.ConfigHash]);
        Assert.Equal(SegmentationTags.RunKindSweep, parent.Data.Tags[SegmentationTags.RunKind]);
        var plan = await new SweepMembership(_store).ReadPlanAsync(parent, CancellationToken.None);
        Assert.Equal(edited.Plan.Trials.Select(t => t.Hash), plan.Trials);
        Assert.Equal(edited.Plan.SweepId, plan.SweepId);
    }

    [Fact]
    public async Task FinishAsync_FittedTrial_ChildRunIsFinishedWithMetricsParamsNoteDatasetAndAReadableModelFolder()
    {
        var recording = Recording(Sweep);
        var parent = await SweepParentRun.StartAsync(recording, CancellationToken.None);
        var trial = recording.Plan.Trials[1];
        var recorder = new TrialRecorder(recording, parent);
        var runId = await recorder.StartAsync(trial, CancellationToken.None);
        var prepared = PreprocessedData.Fit(trial.Preprocessing, recording.Data.Features, recording.Data.FeatureNames);
        var result = TrialExecutor.Execute(trial, prepared, TimeProvider.System);

        await recorder.FinishAsync(runId, result, CancellationToken.None);

        var run = await _store.GetRunAsync(runId);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal(parent.RunId, run.Data.Tags[MlflowTags.ParentRunId]);
        Assert.Equal(trial.Hash, run.Data.Tags[SegmentationTags.TrialHash]);
        Assert.Equal(SegmentationTags.RunKindTrial, run.Data.Tags[SegmentationTags.RunKind]);
        Assert.Contains("trial 2 of 2", run.Data.Tags[MlflowTags.NoteContent], StringComparison.Ordinal);
        Assert.Equal(trial.Params.Select(p => (p.Key, p.Value)).Order(), run.Data.Params.Select(p => (p.Key, p.Value)).Order());
        Assert.Equal(result.Metrics[MetricNames.Silhouette], run.Data.Metrics[MetricNames.Silhouette].Value);
        var input = Assert.Single(run.Inputs);
        Assert.Equal(MlflowTags.DatasetContextTraining, input.Tags[MlflowTags.DatasetContext]);
        Assert.Equal(recording.Data.Digest[..8], input.Dataset.Digest);
        var folder = await ModelFolder.DownloadAsync(_store, runId, Path.Combine(_dir.Path, "download"));
        Assert.Equal(runId, folder.RunId);
        Assert.Equal(recording.Data.FeatureNames, folder.FeatureNames);
        Assert.Equal(
            result.Labels,
            Clustering.Pipeline.FittedPipeline.FromJson(folder.PipelineJson).Predict(recording.Data.Features, recording.Data.FeatureNames));
    }

    [Fact]
    public async Task FinishAsync_StoreRecordsLoggedModels_TrialModelIsAReadyLoggedModelOutputOfTheRunWithItsMetrics()
    {
        var recording = Recording(Sweep);
        var parent = await SweepParentRun.StartAsync(recording, CancellationToken.None);
        var trial = recording.Plan.Trials[0];
        var recorder = new TrialRecorder(recording, parent);
        var runId = await recorder.StartAsync(trial, CancellationToken.None);
        var prepared = PreprocessedData.Fit(trial.Preprocessing, recording.Data.Features, recording.Data.FeatureNames);
        var result = TrialExecutor.Execute(trial, prepared, TimeProvider.System);

        await recorder.FinishAsync(runId, result, CancellationToken.None);

        // A new database is at MLflow 3's schema, so the store records logged models.
        Assert.True(await _store.SupportsLoggedModelsAsync());
        var run = await _store.GetRunAsync(runId);
        var output = Assert.Single(run.ModelOutputs);
        var model = await _store.GetLoggedModelAsync(output.ModelId);
        Assert.Equal(Tracking.LoggedModels.LoggedModelStatus.Ready, model.Status);
        Assert.Equal(trial.RunName, model.Name);
        Assert.Equal(runId, model.SourceRunId);
        Assert.Equal(trial.Hash, model.Tags[SegmentationTags.TrialHash]);
        Assert.Equal(trial.Params.Select(p => (p.Key, p.Value)).Order(), model.Params.Select(p => (p.Key, p.Value)).Order());
        Assert.Equal(result.Metrics[MetricNames.Silhouette], model.Metrics.Single(m => m.Key == MetricNames.Silhouette).Value);
        Assert.Equal(result.Metrics[MetricNames.Silhouette], run.Data.Metrics[MetricNames.Silhouette].Value);
        Assert.False(run.Data.Tags.ContainsKey(MlflowTags.LogModelHistory));
        var folder = await ModelFolder.DownloadLoggedModelAsync(_store, model.ModelId, Path.Combine(_dir.Path, "logged"));
        Assert.Equal(runId, folder.RunId);
    }

    [Fact]
    public async Task StartAsync_TrialStarts_ChildRunIsRunningWithDatasetButNoMember_ParamsComeWithItsClose()
    {
        var recording = Recording(Sweep);
        var parent = await SweepParentRun.StartAsync(recording, CancellationToken.None);
        var trial = recording.Plan.Trials[0];

        var runId = await new TrialRecorder(recording, parent).StartAsync(trial, CancellationToken.None);

        var run = await _store.GetRunAsync(runId);
        Assert.Equal(RunStatus.Running, run.Info.Status);
        // One log-batch per trial (issue 10 §4): the params wait for the metrics, or for the failure's note.
        Assert.Empty(run.Data.Params);
        Assert.Single(run.Inputs);
        var members = await new SweepMembership(_store).FinishedTrialsAsync(parent.ExperimentId, SweepPlanRecord.Of(recording.Plan), CancellationToken.None);
        Assert.Empty(members);
    }

    [Fact]
    public async Task FailAsync_FitFailed_FailedRunCarriesTheTrialsParams()
    {
        var recording = Recording(Sweep);
        var parent = await SweepParentRun.StartAsync(recording, CancellationToken.None);
        var recorder = new TrialRecorder(recording, parent);
        var trial = recording.Plan.Trials[0];
        var runId = await recorder.StartAsync(trial, CancellationToken.None);

        await recorder.FailAsync(runId, new InvalidOperationException("fit diverged"));

        var run = await _store.GetRunAsync(runId);
        Assert.Equal(RunStatus.Failed, run.Info.Status);
        Assert.Equal(trial.Params.ToDictionary(p => p.Key, p => p.Value), run.Data.Params.ToDictionary(p => p.Key, p => p.Value));
    }

    [Fact]
    public async Task KillAsync_CancelledDuringFit_ChildRunIsKilledNotRunning()
    {
        var recording = Recording(Sweep);
        var parent = await SweepParentRun.StartAsync(recording, CancellationToken.None);
        var recorder = new TrialRecorder(recording, parent);
        var runId = await recorder.StartAsync(recording.Plan.Trials[0], CancellationToken.None);

        await recorder.KillAsync(runId, new OperationCanceledException());

        var run = await _store.GetRunAsync(runId);
        Assert.Equal(RunStatus.Killed, run.Info.Status);
        Assert.NotNull(run.Info.EndTimeMs);
    }

    [Fact]
    public async Task FailAsync_FitError_ChildRunIsFailedWithTheFirstLineOfTheErrorAndItsParams()
    {
        var recording = Recording(Sweep);
        var parent = await SweepParentRun.StartAsync(recording, CancellationToken.None);
        var trial = recording.Plan.Trials[0];
        var recorder = new TrialRecorder(recording, parent);
        var runId = await recorder.StartAsync(trial, CancellationToken.None);

        await recorder.FailAsync(runId, new InvalidOperationException("k exceeds rows\nsecond line"));

        var run = await _store.GetRunAsync(runId);
        Assert.Equal(RunStatus.Failed, run.Info.Status);
        Assert.Equal("k exceeds rows", run.Data.Tags[SegmentationTags.Error]);
        Assert.Contains("InvalidOperationException", run.Data.Tags[MlflowTags.NoteContent], StringComparison.Ordinal);
        Assert.Equal(trial.Params.Count, run.Data.Params.Count);
        var members = await new SweepMembership(_store).FinishedTrialsAsync(parent.ExperimentId, SweepPlanRecord.Of(recording.Plan), CancellationToken.None);
        Assert.Empty(members);
    }

    [Fact]
    public async Task FinishAsync_TwoShardsCloseTheParentWithDifferentElbows_NeitherFailsTheFirstParamStaysAndTheOtherIsATag()
    {
        // Two processes hold the same parent: one created it (not resumed), the other found it. Both see every shard
        // done and close it; MLflow refuses to change a param, so the later closer must not send a different value.
        var recording = Recording(Sweep);
        var creator = await SweepParentRun.StartAsync(recording, CancellationToken.None);
        var finder = await SweepParentRun.StartAsync(recording, CancellationToken.None);
        Assert.Equal(creator.RunId, finder.RunId);

        await finder.FinishAsync(Summary(elbowAt: 4), logCurves: true, shared: true, CancellationToken.None);
        await creator.FinishAsync(Summary(elbowAt: 5), logCurves: true, shared: true, CancellationToken.None);

        var parent = await _store.GetRunAsync(creator.RunId);
        Assert.Equal(RunStatus.Finished, parent.Info.Status);
        Assert.Equal("4", parent.Data.Params[SweepMetricsExporter.ElbowKey]);
        Assert.Equal("5", parent.Data.Tags[SegmentationTags.UpdatedParamPrefix + SweepMetricsExporter.ElbowKey]);
        // The curve points both closers computed are on the parent once.
        var history = await _store.GetMetricHistoryAsync(creator.RunId, "best/silhouette");
        Assert.Equal(history.Count, history.Select(m => m.Step).Distinct().Count());
    }

    // A KMeans family with its inertia elbow at k = elbowAt (steep drops before it, flat after) and silhouette best at k = 3.
    private static SweepSummary Summary(int elbowAt)
    {
        var entries = Enumerable.Range(2, 6).Select(k =>
        {
            var inertia = k <= elbowAt ? 1000.0 - (200 * (k - 2)) : 1000.0 - (200 * (elbowAt - 2)) - (10 * (k - elbowAt));
            var text = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new TrialRun(
                "run" + text,
                $"kmeans-k{text}-standard",
                "hash" + text,
                new Dictionary<string, string> { ["k"] = text, ["algorithm"] = "kmeans" },
                new Dictionary<string, double> { ["inertia"] = inertia, ["silhouette"] = k == 3 ? 0.5 : 0.3, ["n_clusters"] = k },
                "file:///artifacts/" + text);
        }).ToList();
        return Tests.Reporting.ReportFixtures.Summary(Leaderboard.Rank(entries, ObjectiveConfig.Default, ConstraintsConfig.None));
    }

    private SweepRecording Recording(string yaml)
    {
        _dir.Write("configs/s.yaml", yaml);
        var loaded = SweepConfigLoader.Load(new SweepConfigRequest("configs/s.yaml", null, _dir.Path, _ => null));
        var data = new SyntheticDataSource().Load(loaded, _dir.Path, CancellationToken.None);
        var plan = SweepPlanner.Plan(loaded.Config, loaded.ConfigHash, data.Digest, data.FeatureNames, "0.1.0-test");
        return new SweepRecording(_store, TimeProvider.System, new SourceInfo("tester", "segment sweep configs/s.yaml", null), loaded, plan, data);
    }
}
