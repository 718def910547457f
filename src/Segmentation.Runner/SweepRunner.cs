using Segmentation.Data.Versioning;
using Segmentation.Runner.Claims;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Planning.Tuning;
using Segmentation.Runner.Progress;
using Segmentation.Runner.Promotion;
using Segmentation.Runner.Recording;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Reporting.Html;
using Segmentation.Runner.Selection;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Models;

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
    /// <param name="warnings">Receives <see cref="Warnings"/> lines (the CLI writes them to stderr); null drops them.</param>
    public static SweepRunner CreateDefault(
        Func<string, string?> environment, TimeProvider clock, string workingDirectory, RestStoreFactory? restStores = null, Action<string>? warnings = null)
    {
        var factory = new TrackingStoreFactory(environment, clock, workingDirectory, restStores);
        var store = new DatasetStore(DatasetStore.ResolveRoot(null, environment, workingDirectory), clock);
        return new SweepRunner(factory.Open, new FeaturePipelineDataSource(store), clock) { Warnings = warnings };
    }

    /// <summary>Receives a line for what the sweep had to leave undone but did not fail for (runs it could not close); null drops them.</summary>
    public Action<string>? Warnings { get; init; }

    /// <summary>Loads the config and data and plans the trials without running or logging anything.</summary>
    public SweepDryRun DryRun(SweepRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = SweepConfigLoader.Load(request.Config);
        var data = _dataSource.Load(loaded, request.Config.WorkingDirectory, cancellationToken);
        data.Stored.GetAwaiter().GetResult();
        var plan = SweepPlanner.Plan(loaded.Config, loaded.ConfigHash, data.Digest, data.FeatureNames, ToolVersion.Current);
        return new SweepDryRun(loaded, data, plan, request.Shard ?? ShardSpec.All, request.Config.WorkingDirectory);
    }

    /// <summary>Runs the sweep (or one shard of it). Ctrl-C (<paramref name="cancellationToken"/>) marks the parent KILLED and returns.</summary>
    public async Task<SweepSummary> RunAsync(SweepRequest request, ISweepObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= NullSweepObserver.Instance;
        var started = _clock.GetTimestamp();
        var phases = new SweepPhases(_clock);
        var loaded = SweepConfigLoader.Load(request.Config);
        // Parse the URI before any work so a bad one fails as a usage error, not after ingesting the data.
        var uri = TrackingUri.Parse(loaded.Config.Tracking.Uri, request.Config.WorkingDirectory);
        // The store opens (a local one: its schema checked or created) while the data loads: neither needs the other,
        // and the load is a pipeline that leaves part of a core idle (fresh grid: ~50 ms off the serial start).
        var opening = Task.Run(() => _openBackend(uri), CancellationToken.None);
        // And the trial path compiles on a small matrix meanwhile, not in the first trials (see TrialWarmup), until the data is in.
        using var warmupStop = new CancellationTokenSource();
        _ = TrialWarmup.Start(loaded.Config, warmupStop.Token);
        var phase = phases.Start();
        TrainingData data;
        try
        {
            data = _dataSource.Load(loaded, request.Config.WorkingDirectory, cancellationToken);
        }
        catch
        {
            await CloseWhenOpenedAsync(opening).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await warmupStop.CancelAsync().ConfigureAwait(false);
        }

        phases.Stop(SweepPhase.Load, phase);
        try
        {
            using var backend = await opening.ConfigureAwait(false);
            return await RunOnDataAsync(request, observer, loaded, backend, data, phases, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A fresh dataset version is written while the trials run (TrainingData.Stored); whatever ended the sweep, its
            // write is over before the sweep returns (the success path has awaited it and surfaced its error).
            await Task.WhenAny(data.Stored).ConfigureAwait(false);
            _ = data.Stored.Exception; // observed: when the sweep failed first, its own error is the one reported
        }
    }

    // The load failed: the store opened beside it is closed (and an error opening it is the lesser one, dropped).
    private static async Task CloseWhenOpenedAsync(Task<ITrackingBackend> opening)
    {
        try
        {
            (await opening.ConfigureAwait(false)).Dispose();
        }
        catch (Exception)
        {
            // The load's own error is the one reported.
        }
    }

    private async Task<SweepSummary> RunOnDataAsync(
        SweepRequest request, ISweepObserver observer, LoadedSweepConfig loaded, ITrackingBackend backend, TrainingData data, SweepPhases phases,
        long started, CancellationToken cancellationToken)
    {
        var plan = SweepPlanner.Plan(loaded.Config, loaded.ConfigHash, data.Digest, data.FeatureNames, ToolVersion.Current);
        var shard = request.Finish ? ShardSpec.All : request.Shard ?? ShardSpec.All;
        var shardTrials = plan.ForShard(shard);
        var claimSettings = ClaimSettings.FromEnvironment(request.Config.Environment);

        var phase = phases.Start();
        var recording = new SweepRecording(backend, _clock, SourceInfo.Detect(request.Config.WorkingDirectory, loaded.ConfigPath), loaded, plan, data);
        var parent = await SweepParentRun.StartAsync(recording, cancellationToken, claimSettings).ConfigureAwait(false);
        // Resuming: trials of this sweep's dataset left RUNNING by a dead process are closed FAILED, so they can be redone.
        await OrphanCollector.CollectAsync(backend, parent.ExperimentId, plan.DatasetDigest, claimSettings, _clock, cancellationToken).ConfigureAwait(false);
        var membership = new SweepMembership(backend);
        var planRecord = SweepPlanRecord.Of(plan);
        var finished = await membership.FinishedTrialsAsync(parent.ExperimentId, planRecord, cancellationToken).ConfigureAwait(false);
        List<Trial> toRun = request.Finish ? [] : [.. shardTrials.Where(t => !finished.ContainsKey(t.Hash))];
        var skipped = shardTrials.Count - toRun.Count;
        // An adaptive search's trials are proposed as it runs: its total is the budget, what it resumes from is its history.
        var adaptive = AdaptiveSearches.Create(plan, loaded.Config, _clock);
        var total = adaptive?.Budget ?? shardTrials.Count;
        skipped = adaptive is null ? skipped : Math.Min(finished.Count, total);
        observer.Started(plan, total, skipped);

        var state = new ProgressState(_clock, started, total, skipped, loaded.Config, observer);
        phases.Stop(SweepPhase.Logging, phase);
        var recorder = new TrialRecorder(recording, parent) { Phases = phases };
        var cancelled = false;
        try
        {
            var workers = request.MaxParallel ?? Environment.ProcessorCount;
            await (adaptive is null
                ? ExecuteUntilDoneAsync(toRun, data, recorder, workers, state, phases, claimSettings, cancellationToken)
                : adaptive.RunAsync(
                    new SearchHooks(
                        (hashes, ct) => membership.FinishedTrialsAsync(parent.ExperimentId, planRecord with { Trials = hashes }, ct),
                        // A subsample rung records its own table (dataset input, profiles) through its own recorder.
                        (batch, batchData, ct) => ExecuteUntilDoneAsync(
                            batch, batchData, ReferenceEquals(batchData, data) ? recorder : new TrialRecorder(recording with { Data = batchData }, parent) { Phases = phases }, workers, state, phases, claimSettings, ct),
                        data,
                        workers,
                        shard),
                    cancellationToken)).ConfigureAwait(false);
            // Before anything reads the version back (the report) or closes the parent: a version that could not be
            // stored fails the sweep like a logging failure, its parent FAILED.
            await data.Stored.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await CloseUnclosedTrialsAsync(backend, parent).ConfigureAwait(false);
            // Logging itself failed (e.g. the server went away): close the parent FAILED rather than leave it RUNNING —
            // unless other shards share it: they still work under it, and this shard's re-run resumes.
            await (shard.Count > 1 ? parent.LeaveAsync().AsTask() : parent.AbortAsync(ex)).ConfigureAwait(false);
            throw;
        }

        // Every trial is done (or cancelled): before anything closes the parent, the trial runs whose close failed get another go.
        await CloseUnclosedTrialsAsync(backend, parent).ConfigureAwait(false);
        phase = phases.Start();
        // Sharded: only the process that sees every shard done closes the parent; --finish insists on it.
        var completeness = cancelled || (shard.Count == 1 && !request.Finish)
            ? null
            : await SweepCompleteness.CheckAsync(
                backend, parent.ExperimentId, plan, request.Finish ? request.FinishShardCount : shard.Count, claimSettings, _clock, cancellationToken).ConfigureAwait(false);
        if (request.Finish)
        {
            completeness!.ThrowIfIncomplete(loaded.ConfigPath);
        }

        // Read after the completeness check: members read before it could miss a trial another shard finished in
        // between, and two closers would then log different curves (and elbow params) on one parent.
        IReadOnlyCollection<TrialRun> members = cancelled
            ? []
            : [.. (await membership.FinishedTrialsAsync(parent.ExperimentId, planRecord, cancellationToken).ConfigureAwait(false)).Values];

        var awaitingShards = completeness is { IsComplete: false };
        phases.Stop(SweepPhase.Logging, phase);
        var stability = new StabilityStage(backend, _clock);
        if (!cancelled && !awaitingShards)
        {
            members = await stability.RunAsync(members, plan, data, loaded.Config, request.MaxParallel ?? Environment.ProcessorCount, cancellationToken).ConfigureAwait(false);
        }

        phases.Add(SweepPhase.Stability, TimeSpan.FromSeconds(stability.Seconds));
        phase = phases.Start();

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
            AwaitingTrials = awaitingShards ? completeness!.Running + completeness.Missing : 0,
        };
        if (awaitingShards)
        {
            await parent.LeaveAsync().ConfigureAwait(false);
            phases.Stop(SweepPhase.Report, phase);
            return summary with { WallSeconds = _clock.GetElapsedTime(started).TotalSeconds, PhaseSeconds = phases.Snapshot() };
        }

        Task<ModelFolder>? bestFolder = null;
        if (!cancelled && summary.Leaderboard.Best?.Trial is { } best)
        {
            // Read back from the run, not from memory: on a resumed sweep the best trial may have been fitted by an earlier invocation.
            // Read once: the report draws the same folder's pipeline (and fails on an unreadable folder, which the table shrugs off).
            bestFolder = ModelFolder.LoadAsync(backend, best.RunId, cancellationToken);
            summary = summary with { BestSegments = await Segments.BestSegments.LoadAsync(bestFolder).ConfigureAwait(false) };
        }

        if (cancelled)
        {
            // A cancelled shard leaves the shared parent to the shards still working; a whole sweep marks it KILLED.
            await (shard.Count > 1 ? parent.LeaveAsync().AsTask() : parent.KillAsync()).ConfigureAwait(false);
            phases.Stop(SweepPhase.Report, phase);
            return summary with { PhaseSeconds = phases.Snapshot() };
        }

        // The version's manifest as ingested (the same as the store's copy, which need not be read back and parsed again).
        var manifest = data.Manifest;
        // The report's view and figures need neither the parent's close nor the gate decision: drawn on another core meanwhile.
        // Awaited only after both, so a report that fails still fails the sweep after the parent closed, as it did when drawn last.
        var drawn = summary;
        var prepared = Task.Run(
            async () => SweepReportLog.Prepare(
                drawn, DatasetFacts.Of(data, manifest, null), data, bestFolder is null ? null : BestTrialModel.Of(await bestFolder.ConfigureAwait(false))),
            cancellationToken);
        await parent.FinishAsync(summary, logCurves: state.Ran > 0 || completeness is not null, shared: completeness is not null, cancellationToken).ConfigureAwait(false);
        // Promotion runs through the same gate and the same membership as `segment promote`, on this sweep's parent run.
        if (loaded.Config.PromoteAtEnd)
        {
            summary = summary with
            {
                Promotion = await new PromotionService(backend, backend, _clock)
                    .PromoteAsync(PromotionRequest.ForSweep(loaded.Config, parent.RunId), cancellationToken).ConfigureAwait(false),
            };
        }

        await SweepReportLog.LogAsync(backend, await prepared.ConfigureAwait(false), summary, cancellationToken).ConfigureAwait(false);
        if (request.ExportDirectory is { } exportDirectory)
        {
            var export = new ExperimentExportSource(request.Config, loaded, plan, data, manifest, summary);
            await ExperimentExport.WriteAsync(exportDirectory, export, backend, cancellationToken).ConfigureAwait(false);
        }

        phases.Stop(SweepPhase.Report, phase);
        return summary with { WallSeconds = _clock.GetElapsedTime(started).TotalSeconds, PhaseSeconds = phases.Snapshot() };
    }

    // A trial whose logging exhausted the retries, then whose FAILED close exhausted them too, would stay RUNNING until a
    // resume's orphan cleanup: closed again here, each call with fresh retries; only what still fails is left to that cleanup.
    private async Task CloseUnclosedTrialsAsync(ITrackingStore store, SweepParentRun parent)
    {
        if (parent.Unclosed.Count == 0)
        {
            return;
        }

        var left = await parent.Unclosed.CloseAgainAsync(store).ConfigureAwait(false);
        if (left.Count > 0)
        {
            Warnings?.Invoke(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"warning: {left.Count} trial run(s) could not be closed even with fresh retries ({string.Join(", ", left)}); they stay RUNNING until a resume or `segment runs gc` closes them as orphans, {parent.ClaimSettings.StaleAfter.TotalSeconds:0.###} s after their last heartbeat"));
        }
    }

    // Trials another live process holds come back after the rest, until someone finished them or their holder died.
    private async Task ExecuteUntilDoneAsync(
        IReadOnlyList<Trial> trials, TrainingData data, TrialRecorder recorder, int maxParallel, ProgressState state, SweepPhases phases, ClaimSettings claimSettings,
        CancellationToken cancellationToken)
    {
        var held = await ExecuteAsync(trials, data, recorder, maxParallel, state, phases, cancellationToken).ConfigureAwait(false);
        while (held.Count > 0)
        {
            await Task.Delay(claimSettings.PollInterval, _clock, cancellationToken).ConfigureAwait(false);
            held = await ExecuteAsync(held, data, recorder, maxParallel, state, phases, cancellationToken).ConfigureAwait(false);
        }
    }

    // Trials run in group order, `workers` at a time, straight across group boundaries: a core never idles while the last
    // trials of one preprocessing group finish before the next group starts (15–25 ms of one core at each boundary). Each
    // trial is single-threaded and seeded from its own params, so results never depend on the core count or the
    // completion order. Finishes go through a bounded logging queue, flushed before returning. Returns the trials another
    // live process holds (claimed elsewhere), to be offered again later.
    private async Task<List<Trial>> ExecuteAsync(
        IReadOnlyList<Trial> trials, TrainingData data, TrialRecorder recorder, int maxParallel, ProgressState state, SweepPhases phases, CancellationToken cancellationToken)
    {
        var workers = Math.Max(1, maxParallel);
        var queue = new TrialLogQueue(capacity: 2 * workers, loggers: Math.Max(2, workers));
        var held = new System.Collections.Concurrent.ConcurrentBag<Trial>();
        try
        {
            await ExecuteGroupsAsync(trials, data, recorder, workers, state, phases, queue, held, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Every queued run is FINISHED, FAILED or KILLED before the parent is ranked or closed, even after an error.
            await queue.CompleteAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return [.. held.OrderBy(t => t.Index)];
    }

    private async Task ExecuteGroupsAsync(
        IReadOnlyList<Trial> trials, TrainingData data, TrialRecorder recorder, int workers, ProgressState state, SweepPhases phases, TrialLogQueue queue,
        System.Collections.Concurrent.ConcurrentBag<Trial> held, CancellationToken cancellationToken)
    {
        var ordered = new List<(Trial Trial, GroupPreparation Group)>(trials.Count);
        foreach (var group in trials.GroupBy(t => t.Preprocessing))
        {
            var preparation = new GroupPreparation(group.Key, data, phases, trials: group.Count());
            ordered.AddRange(group.Select(trial => (trial, preparation)));
        }

        // Parallel.ForEachAsync hands items out in enumeration order, so a group is started only once every trial of the
        // one before it has been; with each group dropped after its last trial, at most `workers` are in memory at once.
        await Parallel.ForEachAsync(
            ordered,
            new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                try
                {
                    await RunTrialAsync(item.Trial, item.Group, data.Revenue, recorder, phases, queue, state, held, ct).ConfigureAwait(false);
                }
                finally
                {
                    item.Group.TrialDone();
                }
            }).ConfigureAwait(false);
    }

    private async Task RunTrialAsync(
        Trial trial, GroupPreparation preparation, double[]? revenue, TrialRecorder recorder, SweepPhases phases,
        TrialLogQueue queue, ProgressState state, System.Collections.Concurrent.ConcurrentBag<Trial> held, CancellationToken cancellationToken)
    {
        // The run exists before the fit, so its start time is the trial's and the UI shows it RUNNING meanwhile.
        var phase = phases.Start();
        var claim = await recorder.ClaimAsync(trial, cancellationToken).ConfigureAwait(false);
        phases.Stop(SweepPhase.Logging, phase);
        switch (claim.Outcome)
        {
            case TrialClaimOutcome.HeldElsewhere:
                held.Add(trial);
                return;
            case TrialClaimOutcome.AlreadyFinished:
                state.Completed(new TrialOutcome(trial, TrialStatus.Skipped, claim.RunId, new Dictionary<string, double>(), null));
                return;
        }

        var runId = claim.RunId;
        var queued = false;
        try
        {
            var (prepared, error) = preparation.Get();
            queued = await FitAndRecordAsync(trial, runId, prepared, error, revenue, recorder, phases, queue, state, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            // A queued finish releases the claim's heartbeat itself, once the run is closed.
            if (!queued)
            {
                recorder.Release(runId);
            }
        }
    }

    // True when the finish was handed to the logging queue; false when the trial failed and was closed here.
    private async Task<bool> FitAndRecordAsync(
        Trial trial, string runId, PreprocessedData? prepared, Exception? preprocessingError, double[]? revenue, TrialRecorder recorder, SweepPhases phases,
        TrialLogQueue queue, ProgressState state, CancellationToken cancellationToken)
    {
        TrialResult result;
        try
        {
            if (prepared is null)
            {
                throw new InvalidOperationException($"preprocessing {trial.Preprocessing} failed: {preprocessingError!.Message}", preprocessingError);
            }

            result = TrialExecutor.Execute(trial, prepared, _clock, revenue, phases);
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
            state.Completed(new TrialOutcome(trial, TrialStatus.Failed, runId, new Dictionary<string, double>(), ex.Message));
            return false;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // Cancelled during the fit: the result is not recorded, and the run must not stay RUNNING.
            await recorder.KillAsync(runId, new OperationCanceledException(cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // Queued: this worker goes on to its next fit while the finish is logged.
        await queue.EnqueueFinishAsync(
            recorder,
            runId,
            result,
            outcome =>
            {
                recorder.Release(runId);
                state.Completed(outcome);
            },
            cancellationToken).ConfigureAwait(false);
        return true;
    }
}
