using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Progress;
using Segmentation.Runner.Promotion;
using Segmentation.Runner.Recording;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Reporting.Html;
using Segmentation.Runner.Selection;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Runner;

/// <summary>
/// Runs <c>segment sweep</c>: loads and validates the config, builds the training table, plans the trials, skips those
/// already FINISHED, fits the rest in parallel with preprocessing shared per (scaler, reduction), and tracks everything.
/// </summary>
public sealed class SweepRunner
{
    private readonly Func<TrackingUri, ITrackingBackend> _openBackend;
    private readonly ISweepDataSource _dataSource;
    private readonly TimeProvider _clock;

    /// <summary>Creates a runner with an explicit backend opener (by parsed tracking URI), data source and clock.</summary>
    public SweepRunner(Func<TrackingUri, ITrackingBackend> openBackend, ISweepDataSource dataSource, TimeProvider clock)
    {
        _openBackend = openBackend ?? throw new ArgumentNullException(nameof(openBackend));
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The production runner: the tracking store factory (SQLite or REST) and the data layer's feature pipeline.</summary>
    /// <param name="restStores">Opens http(s) URIs (null: the default REST store); the CLI passes one that prints retry progress.</param>
    public static SweepRunner CreateDefault(Func<string, string?> environment, TimeProvider clock, string workingDirectory, RestStoreFactory? restStores = null)
    {
        var factory = new TrackingStoreFactory(environment, clock, workingDirectory, restStores);
        var store = new DatasetStore(DatasetStore.ResolveRoot(null, environment, workingDirectory), clock);
        return new SweepRunner(factory.Open, new FeaturePipelineDataSource(store), clock);
    }

    /// <summary>Loads the config and data and plans the trials without running or logging anything.</summary>
    public SweepDryRun DryRun(SweepRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = SweepConfigLoader.Load(request.Config);
        var data = _dataSource.Load(loaded, request.Config.WorkingDirectory, cancellationToken);
        var plan = SweepPlanner.Plan(loaded.Config, loaded.ConfigHash, data.Digest, data.FeatureNames, ToolVersion.Current);
        return new SweepDryRun(loaded, data, plan, request.Shard ?? ShardSpec.All, request.Config.WorkingDirectory);
    }

    /// <summary>Runs the sweep (or one shard of it). Ctrl-C (<paramref name="cancellationToken"/>) marks the parent KILLED and returns.</summary>
    public async Task<SweepSummary> RunAsync(SweepRequest request, ISweepObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= NullSweepObserver.Instance;
        var started = _clock.GetTimestamp();
        var loaded = SweepConfigLoader.Load(request.Config);
        // Parse the URI before any work so a bad one fails as a usage error, not after ingesting the data.
        var uri = TrackingUri.Parse(loaded.Config.Tracking.Uri, request.Config.WorkingDirectory);
        var data = _dataSource.Load(loaded, request.Config.WorkingDirectory, cancellationToken);
        var plan = SweepPlanner.Plan(loaded.Config, loaded.ConfigHash, data.Digest, data.FeatureNames, ToolVersion.Current);
        var shard = request.Shard ?? ShardSpec.All;
        var shardTrials = plan.ForShard(shard);

        using var backend = _openBackend(uri);
        var recording = new SweepRecording(backend, _clock, SourceInfo.Detect(request.Config.WorkingDirectory, loaded.ConfigPath), loaded, plan, data);
        var parent = await SweepParentRun.StartAsync(recording, cancellationToken).ConfigureAwait(false);
        var membership = new SweepMembership(backend);
        var planRecord = SweepPlanRecord.Of(plan);
        var finished = await membership.FinishedTrialsAsync(parent.ExperimentId, planRecord, cancellationToken).ConfigureAwait(false);
        var toRun = shardTrials.Where(t => !finished.ContainsKey(t.Hash)).ToList();
        var skipped = shardTrials.Count - toRun.Count;
        observer.Started(plan, shardTrials.Count, skipped);

        var state = new ProgressState(_clock, started, shardTrials.Count, skipped, loaded.Config, observer);
        var recorder = new TrialRecorder(recording, parent);
        var cancelled = false;
        try
        {
            await ExecuteAsync(toRun, data, recorder, request.MaxParallel ?? Environment.ProcessorCount, state, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logging itself failed (e.g. the server went away): close the parent FAILED rather than leave it RUNNING.
            await parent.AbortAsync(ex).ConfigureAwait(false);
            throw;
        }

        IReadOnlyCollection<TrialRun> members = cancelled
            ? []
            : [.. (await membership.FinishedTrialsAsync(parent.ExperimentId, planRecord, cancellationToken).ConfigureAwait(false)).Values];
        var stability = new StabilityStage(backend, _clock);
        if (!cancelled)
        {
            members = await stability.RunAsync(members, plan, data, loaded.Config, request.MaxParallel ?? Environment.ProcessorCount, cancellationToken).ConfigureAwait(false);
        }

        var summary = new SweepSummary(
            backend.DisplayUri,
            loaded.Config.Tracking.ExperimentName,
            parent.ExperimentId,
            parent.RunId,
            Path.GetFileName(loaded.ConfigPath),
            plan.SweepId,
            plan.ConfigHash,
            plan.DatasetDigest,
            shard.ToString(),
            plan.Trials.Count,
            shardTrials.Count,
            state.Ran,
            skipped,
            state.Failed,
            cancelled,
            _clock.GetElapsedTime(started).TotalSeconds,
            Leaderboard.Rank(members, loaded.Config.Objective, loaded.Config.Constraints))
        {
            StabilitySeconds = stability.Seconds,
        };
        if (!cancelled && summary.Leaderboard.Best?.Trial is { } best)
        {
            // Read back from the run, not from memory: on a resumed sweep the best trial may have been fitted by an earlier invocation.
            summary = summary with { BestSegments = await Segments.BestSegments.LoadAsync(backend, best.RunId, cancellationToken).ConfigureAwait(false) };
        }

        if (cancelled)
        {
            await parent.KillAsync().ConfigureAwait(false);
            return summary;
        }

        await parent.FinishAsync(summary, logCurves: state.Ran > 0, cancellationToken).ConfigureAwait(false);
        // Promotion runs through the same gate and the same membership as `segment promote`, on this sweep's parent run.
        if (loaded.Config.PromoteAtEnd)
        {
            summary = summary with
            {
                Promotion = await new PromotionService(backend, backend, _clock)
                    .PromoteAsync(PromotionRequest.ForSweep(loaded.Config, parent.RunId), cancellationToken).ConfigureAwait(false),
            };
        }

        var manifest = _dataSource is FeaturePipelineDataSource pipeline ? pipeline.Store.Get(data.Digest) : null;
        await SweepReportLog.LogAsync(backend, summary, DatasetFacts.Of(data, manifest, null), data, cancellationToken).ConfigureAwait(false);
        if (request.ExportDirectory is { } exportDirectory)
        {
            var export = new ExperimentExportSource(request.Config, loaded, plan, data, manifest, summary);
            await ExperimentExport.WriteAsync(exportDirectory, export, backend, cancellationToken).ConfigureAwait(false);
        }

        return summary with { WallSeconds = _clock.GetElapsedTime(started).TotalSeconds };
    }

    // Groups run one after another (one preprocessed matrix and its distance cache in memory at a time); the trials of a
    // group run in parallel. Each trial is single-threaded and seeded from its own params, so results never depend on
    // the core count or the completion order.
    private async Task ExecuteAsync(
        IReadOnlyList<Trial> trials, TrainingData data, TrialRecorder recorder, int maxParallel, ProgressState state, CancellationToken cancellationToken)
    {
        foreach (var group in trials.GroupBy(t => t.Preprocessing))
        {
            cancellationToken.ThrowIfCancellationRequested();
            PreprocessedData? prepared = null;
            Exception? preprocessingError = null;
            try
            {
                prepared = PreprocessedData.Fit(group.Key, data.Features, data.FeatureNames);
            }
            catch (ArgumentException ex)
            {
                preprocessingError = ex;
            }

            await Parallel.ForEachAsync(
                group,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallel), CancellationToken = cancellationToken },
                async (trial, ct) => state.Completed(await RunTrialAsync(trial, prepared, preprocessingError, data.Revenue, recorder, ct).ConfigureAwait(false)))
                .ConfigureAwait(false);
        }
    }

    private async Task<TrialOutcome> RunTrialAsync(
        Trial trial, PreprocessedData? prepared, Exception? preprocessingError, double[]? revenue, TrialRecorder recorder, CancellationToken cancellationToken)
    {
        // The run exists before the fit, so its start time is the trial's and the UI shows it RUNNING meanwhile.
        var runId = await recorder.StartAsync(trial, cancellationToken).ConfigureAwait(false);
        TrialResult result;
        try
        {
            if (prepared is null)
            {
                throw new InvalidOperationException($"preprocessing {trial.Preprocessing} failed: {preprocessingError!.Message}", preprocessingError);
            }

            result = TrialExecutor.Execute(trial, prepared, _clock, revenue);
        }
        catch (OperationCanceledException ex)
        {
            await recorder.KillAsync(runId, ex).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            // Any fit error — bad input for this setting or a bug in one algorithm — fails this trial only.
            await recorder.FailAsync(runId, ex).ConfigureAwait(false);
            return new TrialOutcome(trial, TrialStatus.Failed, runId, new Dictionary<string, double>(), ex.Message);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // Cancelled during the fit: the result is not recorded, and the run must not stay RUNNING.
            await recorder.KillAsync(runId, new OperationCanceledException(cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await recorder.FinishAsync(runId, result, cancellationToken).ConfigureAwait(false);
        return new TrialOutcome(trial, TrialStatus.Finished, runId, result.Metrics, null);
    }
}
