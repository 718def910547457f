using Segmentation.Data.Pipeline;
using Segmentation.Data.Products;
using Segmentation.Runner.Claims;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Planning.Tuning;
using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Recording;

/// <summary>
/// Logs each trial as a child run of the sweep's parent, created when the trial starts (so MLflow's Duration is the
/// trial's real time) and RUNNING during its fit; then FINISHED with all its data, or FAILED/KILLED with the reason.
/// </summary>
/// <remarks>Only FINISHED runs are sweep members (<see cref="Selection.SweepMembership"/>), so a trial that is still
/// running, or was cut short, is never selected, promoted or skipped on resume.</remarks>
public sealed class TrialRecorder(SweepRecording recording, SweepParentRun parent)
{
    private readonly SweepRecording _recording = recording ?? throw new ArgumentNullException(nameof(recording));
    private readonly SweepParentRun _parent = parent ?? throw new ArgumentNullException(nameof(parent));
    private readonly TrialClaims _claims = new(
        recording.Store, parent.ExperimentId, recording.Plan.DatasetDigest, parent.ClaimSettings, recording.Clock);

    // The same for every trial of the sweep (the effective config's data sections), so serialised once; two workers racing
    // to fill it write equal strings.
    private string? _trainingParamsJson;

    // The label-independent part of the products' lift, shared by every trial of the sweep (built on the first finish).
    private SegmentProductLift? _productLift;

    // The trial of each claimed run until it closes, so a failed fit's note carries its params (logged at close, in one log-batch).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Trial> _open = new(StringComparer.Ordinal);

    /// <summary>The sweep's phase timers: <see cref="FinishAsync"/> adds its model folder to artifacts and the rest to logging; null times nothing.</summary>
    public SweepPhases? Phases { get; init; }

    /// <summary>
    /// Claims the trial (<see cref="TrialClaims"/>) and, when this process owns it, returns its RUNNING child run with its
    /// tags, a heartbeat and the training dataset input (context <c>training</c>; its params are logged when it closes); if the claim's check after creating
    /// the run, or logging those, fails or is cancelled, the run is closed FAILED or KILLED at once. Otherwise says who holds the trial; nothing is created for it.
    /// </summary>
    public async Task<TrialClaim> ClaimAsync(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var store = _recording.Store;
        string? created = null;
        TrialClaim claim;
        try
        {
            claim = await _claims.ClaimAsync(
                trial.Hash,
                async ct =>
                {
                    var tags = Tags(trial);
                    tags[SegmentationTags.Heartbeat] = Claims.ClaimRuns.HeartbeatValue(_recording.NowMs);
                    var run = await store.CreateRunAsync(
                        new CreateRunRequest(_parent.ExperimentId, trial.RunName, _recording.NowMs, tags, _parent.RunId, _recording.Source.User), ct).ConfigureAwait(false);
                    // Beating from the moment the run exists: a slow after-search must not make a live claim look silent.
                    created = run.Info.RunId;
                    _parent.Heartbeat.Track(created);
                    return created;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (created is not null)
        {
            // Our run exists but the claim's after-search (or its withdrawal) failed, e.g. the server went away: close it
            // now (quietly, within the transport's winding-down budget) rather than leave it RUNNING until it looks silent.
            _parent.Heartbeat.Untrack(created);
            await CloseAsync(created, ex).ConfigureAwait(false);
            throw;
        }

        var runId = claim.RunId;
        if (claim.Outcome != TrialClaimOutcome.Claimed)
        {
            if (created is not null)
            {
                _parent.Heartbeat.Untrack(created);
            }

            return claim;
        }

        try
        {
            // The params go with the metrics in the finish's one log-batch (or the failure's note): a request per trial fewer.
            await store.LogInputsAsync(runId, [TrainingDatasetInput.Of(_recording.Data)], cancellationToken).ConfigureAwait(false);
            _open[runId] = trial;
            return claim;
        }
        catch (Exception ex)
        {
            _parent.Heartbeat.Untrack(runId);
            await CloseAsync(runId, ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Claims the trial and returns its RUNNING child run, as <see cref="ClaimAsync"/> does when this process owns it.</summary>
    /// <exception cref="InvalidOperationException">Another run holds the trial (finished, or running elsewhere).</exception>
    public async Task<string> StartAsync(Trial trial, CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(trial, cancellationToken).ConfigureAwait(false);
        return claim.Outcome == TrialClaimOutcome.Claimed
            ? claim.RunId
            : throw new InvalidOperationException($"trial {trial.RunName} ({trial.Hash}) is held by run {claim.RunId} ({claim.Outcome})");
    }

    /// <summary>Stops the heartbeat of a trial run once it is closed (finished, failed or killed).</summary>
    public void Release(string runId)
    {
        _open.TryRemove(runId, out _);
        _parent.Heartbeat.Untrack(runId);
    }

    /// <summary>
    /// Completes a started run with the fitted trial: metrics and the note, then the model folder (uploaded from
    /// memory), then FINISHED. If anything fails or is cancelled on the way the run is closed FAILED or KILLED.
    /// Where the store records MLflow 3 logged models, the model is one (named after the run, with the trial's params and
    /// tags, the metrics linked to it, finalized READY or UPLOAD_FAILED, and the run's output); otherwise it is MLflow 2's run model.
    /// </summary>
    public Task FinishAsync(string runId, TrialResult result, CancellationToken cancellationToken) => FinishAsync(runId, result, null, cancellationToken);

    /// <summary>
    /// <see cref="FinishAsync(string, TrialResult, CancellationToken)"/> with the run's end time given: a finish that ran
    /// from the logging queue (<see cref="TrialLogQueue"/>) ends the run when its trial ended, not when the queue reached it.
    /// </summary>
    /// <param name="runId">The started run.</param>
    /// <param name="result">The fitted trial.</param>
    /// <param name="endTimeMs">The run's end time (Unix ms); null for now.</param>
    /// <param name="cancellationToken">Cancels the logging; the run is then closed KILLED.</param>
    public async Task FinishAsync(string runId, TrialResult result, long? endTimeMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(result);
        var store = _recording.Store;
        var trial = result.Trial;
        _open.TryRemove(runId, out _);
        var phases = Phases;
        var phase = phases?.Start() ?? 0;
        try
        {
            var now = _recording.NowMs;
            var note = SweepNotes.Trial(trial, _recording.Plan, _recording.Config.Config.Constraints, result.Metrics);
            var metrics = result.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new Metric(m.Key, m.Value, now)).ToList();
            List<Param> parameters = [.. Params(trial), .. result.DerivedParams.Select(p => new Param(p.Key, p.Value))];
            var data = _recording.Data;
            // The named segment profiles and the training data params travel inside the model folder, on every layout.
            var profiles = Segments.SegmentProfiler.Profile(data, result.Labels);
            var attachments = new Dictionary<string, string>
            {
                [Segments.SegmentsJson.FileName] = Segments.SegmentsJson.Write(profiles),
                [TrainingParams.FileName] = _trainingParamsJson ??= TrainingParamsArtifact.Of(_recording).ToJson(),
            };
            if (data.Products is { } products)
            {
                var options = _recording.Config.Config.Products ?? Configuration.ProductsConfig.Default;
                var lift = _productLift ??= SegmentProductLift.For(products, data.CustomerIds);
                attachments[SegmentProductsCsv.FileName] = SegmentProductsCsv.Write(lift.Compute(result.Labels, options.MinSupport, options.Top));
            }

            var model = TrialModel.Content(
                result.Pipeline,
                ClusterProfile.ToCsv(data.Features, data.FeatureNames, result.Labels),
                attachments,
                profiles.ToDictionary(p => p.Segment, p => p.Name));
            phase = Lap(phases, SweepPhase.Artifacts, phase);
            if (await store.SupportsLoggedModelsAsync(cancellationToken).ConfigureAwait(false))
            {
                // MLflow 3: the trial's model is a logged model (the experiment's Models tab), its metrics linked to it and the training dataset.
                var logged = await store.CreateLoggedModelAsync(
                    new CreateLoggedModelRequest(_parent.ExperimentId, trial.RunName, runId, Params(trial).ToDictionary(p => p.Key, p => p.Value), Tags(trial)),
                    cancellationToken).ConfigureAwait(false);
                var dataset = TrainingDatasetInput.Of(data).Dataset;
                await store.LogLoggedModelMetricsAsync(
                    runId, logged.ModelId, metrics, dataset.Name, dataset.Digest, parameters, [new RunTag(MlflowTags.NoteContent, note)], cancellationToken).ConfigureAwait(false);
                phase = Lap(phases, SweepPhase.Logging, phase);
                await ModelFolder.UploadAsync(store, runId, logged, model, _recording.Clock.GetUtcNow(), ToolVersion.Current, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await store.LogBatchAsync(runId, metrics, parameters, [new RunTag(MlflowTags.NoteContent, note)], cancellationToken).ConfigureAwait(false);
                phase = Lap(phases, SweepPhase.Logging, phase);
                await ModelFolder.UploadAsync(store, runId, model, _recording.Clock.GetUtcNow(), ToolVersion.Current, null, cancellationToken).ConfigureAwait(false);
            }

            phase = Lap(phases, SweepPhase.Artifacts, phase);
            await store.UpdateRunAsync(runId, RunStatus.Finished, endTimeMs ?? _recording.NowMs, null, cancellationToken).ConfigureAwait(false);
            Lap(phases, SweepPhase.Logging, phase);
        }
        catch (Exception ex)
        {
            await CloseAsync(runId, ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The recording clock's now (Unix ms), for an end time taken before a queued finish.</summary>
    public long NowMs => _recording.NowMs;

    /// <summary>Closes a started run whose fit failed: its params, the error as a tag and a note, status FAILED; not cancellable, never throws for a store failure.</summary>
    public async Task FailAsync(string runId, Exception error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var parameters = _open.TryRemove(runId, out var trial) ? Params(trial) : null;
            await _recording.Store.LogBatchAsync(runId, null, parameters, [new RunTag(MlflowTags.NoteContent, SweepNotes.FailedTrial(error))], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Tracking.Errors.MlflowException or IOException or HttpRequestException)
        {
            // The note is a courtesy; the status below is what must not be lost.
        }

        await RunClosing.CloseQuietlyAsync(_recording.Store, runId, RunStatus.Failed, error, _recording.NowMs, _parent.Unclosed).ConfigureAwait(false);
    }

    /// <summary>Closes a started run KILLED (the sweep was cancelled during its fit); not cancellable, never throws for a store failure.</summary>
    public Task KillAsync(string runId, OperationCanceledException cause) =>
        RunClosing.CloseQuietlyAsync(_recording.Store, runId, RunStatus.Killed, cause, _recording.NowMs, _parent.Unclosed);

    private Task CloseAsync(string runId, Exception ex) =>
        RunClosing.CloseQuietlyAsync(_recording.Store, runId, ex is OperationCanceledException ? RunStatus.Killed : RunStatus.Failed, ex, _recording.NowMs, _parent.Unclosed);

    // Adds the time since the last lap to the phase and starts the next one.
    private static long Lap(SweepPhases? phases, SweepPhase phase, long started)
    {
        if (phases is null)
        {
            return 0;
        }

        phases.Stop(phase, started);
        return phases.Start();
    }

    private static List<Param> Params(Trial trial) => trial.Params.Select(p => new Param(p.Key, p.Value)).ToList();

    private Dictionary<string, string> Tags(Trial trial)
    {
        var plan = _recording.Plan;
        var tags = new Dictionary<string, string>(_recording.Source.Tags())
        {
            [SegmentationTags.RunKind] = SegmentationTags.RunKindTrial,
            [SegmentationTags.TrialHash] = trial.Hash,
            [SegmentationTags.DatasetDigest] = plan.DatasetDigest,
            [SegmentationTags.ConfigHash] = plan.ConfigHash,
            [SegmentationTags.SweepId] = plan.SweepId,
            [SegmentationTags.Strategy] = _recording.Config.Config.Strategy.Kind.ToString().ToLowerInvariant(),
            [SegmentationTags.Fraction] = "1",
        };
        // A subsample trial of successive halving says so in its params; the tags repeat it where the runs table filters.
        foreach (var (key, tag) in new[] { (SuccessiveHalving.RungParam, SegmentationTags.Rung), (SuccessiveHalving.FractionParam, SegmentationTags.Fraction) })
        {
            if (trial.Params.FirstOrDefault(p => p.Key == key) is { Value: { } value })
            {
                tags[tag] = value;
            }
        }

        return tags;
    }
}
