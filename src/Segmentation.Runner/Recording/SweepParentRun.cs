using System.Globalization;
using Segmentation.Runner.Claims;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Selection;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Recording;

/// <summary>
/// The lifecycle of a sweep's parent run: found again by sweep id (so re-runs and shards share it) or created with the
/// plan, dataset input, effective config and sweep params; RUNNING while trials run; then FINISHED with curves,
/// leaderboard and best-trial tags, KILLED on Ctrl-C, or FAILED when recording itself breaks.
/// </summary>
public sealed class SweepParentRun
{
    private readonly SweepRecording _recording;
    private bool _resumed;

    private SweepParentRun(SweepRecording recording, string experimentId, string runId, bool resumed, ClaimSettings claimSettings)
    {
        _recording = recording;
        ExperimentId = experimentId;
        RunId = runId;
        _resumed = resumed;
        ClaimSettings = claimSettings;
        Heartbeat = new Heartbeat(recording.Store, recording.Clock, claimSettings.HeartbeatInterval);
        Heartbeat.Track(runId);
    }

    /// <summary>The experiment id.</summary>
    public string ExperimentId { get; }

    /// <summary>The parent run id.</summary>
    public string RunId { get; }

    /// <summary>The heartbeat and orphan timeout this process works under.</summary>
    public ClaimSettings ClaimSettings { get; }

    /// <summary>This process's heartbeat: on the parent from the start, and on each trial run while it is RUNNING.</summary>
    public Heartbeat Heartbeat { get; }

    /// <summary>This process's trial runs whose close did not get through, closed again before the parent closes.</summary>
    public UnclosedRuns Unclosed { get; } = new();

    /// <summary>
    /// Gets or creates the experiment, then resumes the sweep's one parent run or claims it (<see cref="ParentClaim"/>: safe
    /// when shards start together), and marks it RUNNING with a fresh heartbeat.
    /// </summary>
    public static async Task<SweepParentRun> StartAsync(SweepRecording recording, CancellationToken cancellationToken, ClaimSettings? claimSettings = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var settings = claimSettings ?? ClaimSettings.Default;
        var store = recording.Store;
        var config = recording.Config;
        var plan = recording.Plan;
        var experiment = await store.GetOrCreateExperimentAsync(config.Config.Tracking.ExperimentName, null, cancellationToken).ConfigureAwait(false);
        var existing = await new SweepMembership(store).FindParentAsync(experiment.ExperimentId, plan.SweepId, cancellationToken).ConfigureAwait(false);
        var created = false;
        if (existing is null)
        {
            (existing, created) = await new ParentClaim(store, settings, recording.Clock).ClaimAsync(
                experiment.ExperimentId, plan.SweepId, ct => CreateCandidateAsync(recording, experiment.ExperimentId, ct), cancellationToken).ConfigureAwait(false);
        }

        var parent = new SweepParentRun(recording, experiment.ExperimentId, existing.Info.RunId, resumed: !created, settings);
        if (created)
        {
            await store.LogInputsAsync(parent.RunId, [TrainingDatasetInput.Of(recording.Data)], cancellationToken).ConfigureAwait(false);
            await store.LogBatchAsync(parent.RunId, null, SweepParams(recording), null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await store.UpdateRunAsync(parent.RunId, RunStatus.Running, null, null, cancellationToken).ConfigureAwait(false);
            // The same sweep under an edited objective or constraints: the parent describes the config it now runs under.
            await store.LogBatchAsync(
                parent.RunId,
                null,
                null,
                [
                    new RunTag(SegmentationTags.ConfigHash, plan.ConfigHash),
                    new RunTag(SegmentationTags.Objective, SweepMarkdownExporter.ObjectiveText(config.Config.Objective)),
                    // Fresh at once: an adopted parent still carries its dead owner's last beat.
                    new RunTag(SegmentationTags.Heartbeat, ClaimRuns.HeartbeatValue(recording.NowMs)),
                ],
                cancellationToken).ConfigureAwait(false);
        }

        // Written on every start: a parent whose first start died before this line still gets its plan (same content).
        await RunArtifacts.UploadTextAsync(store, parent.RunId, SweepMembership.PlanArtifact, SweepPlanRecord.Of(plan).ToJson(), cancellationToken).ConfigureAwait(false);
        await RunArtifacts.UploadTextAsync(
            store, parent.RunId, "sweep_config.yaml", EffectiveConfigWriter.ToYaml(config.Effective, withSources: true), cancellationToken).ConfigureAwait(false);
        return parent;
    }

    /// <summary>Leaves the parent RUNNING for the other shards (or <c>segment sweep --finish</c>) to close, and stops beating on it.</summary>
    public ValueTask LeaveAsync() => Heartbeat.DisposeAsync();

    /// <summary>
    /// Closes the parent KILLED (the sweep was cancelled): not cancellable itself, so the run never stays RUNNING; never
    /// throws for a store failure — with the server gone the close is best effort within the transport's winding-down
    /// budget, and the cancellation (exit 130) is what the caller reports; the next resume's orphan cleanup closes it.
    /// </summary>
    public async Task KillAsync()
    {
        await Heartbeat.DisposeAsync().ConfigureAwait(false);
        await RunClosing.CloseQuietlyAsync(
            _recording.Store, RunId, RunStatus.Killed, new OperationCanceledException("the sweep was cancelled"), _recording.NowMs).ConfigureAwait(false);
    }

    /// <summary>Closes the parent FAILED with the error when the sweep cannot go on; never throws for a store failure (best effort, as <see cref="KillAsync"/>).</summary>
    public async Task AbortAsync(Exception cause)
    {
        await Heartbeat.DisposeAsync().ConfigureAwait(false);
        await RunClosing.CloseQuietlyAsync(_recording.Store, RunId, RunStatus.Failed, cause, _recording.NowMs).ConfigureAwait(false);
    }

    /// <summary>
    /// Logs the report's curves (when <paramref name="logCurves"/>), leaderboard, best-trial tags and note, then FINISHED.
    /// <paramref name="shared"/>: other processes (shards) may close the same parent at the same moment, so what is
    /// already on it is read first, as on a resumed sweep.
    /// </summary>
    public async Task FinishAsync(SweepSummary summary, bool logCurves, bool shared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var store = _recording.Store;
        var tags = new List<RunTag> { new(MlflowTags.NoteContent, SweepMarkdownExporter.Instance.Export(summary)) };
        if (logCurves)
        {
            var curves = SweepMetricsExporter.Export(summary, _recording.NowMs);
            var metrics = curves.Metrics;
            var parameters = curves.Params;
            if (_resumed || shared)
            {
                metrics = await WithoutLoggedPointsAsync(metrics, cancellationToken).ConfigureAwait(false);
                (parameters, var updated) = await SplitChangedParamsAsync(parameters, cancellationToken).ConfigureAwait(false);
                tags.AddRange(updated);
            }

            try
            {
                await LogCurvesAsync(metrics, parameters, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidParameterException) when (parameters.Count > 0)
            {
                // Another closer logged a param between our read and our write (runs/get and log-batch are not one
                // transaction): read again, keep its value, carry ours in the tag, and log what is still missing.
                (parameters, var updated) = await SplitChangedParamsAsync(parameters, cancellationToken).ConfigureAwait(false);
                tags.AddRange(updated);
                metrics = await WithoutLoggedPointsAsync(metrics, cancellationToken).ConfigureAwait(false);
                await LogCurvesAsync(metrics, parameters, cancellationToken).ConfigureAwait(false);
            }
        }

        var csv = LeaderboardCsvExporter.Instance;
        await RunArtifacts.UploadTextAsync(store, RunId, csv.FileName, csv.Export(summary), cancellationToken).ConfigureAwait(false);
        if (summary.Leaderboard.Best is { } best)
        {
            tags.Add(new RunTag(SegmentationTags.BestRunId, best.Trial.RunId));
            tags.Add(new RunTag(SegmentationTags.BestRunName, best.Trial.RunName));
            tags.Add(new RunTag(SegmentationTags.BestTrialHash, best.Trial.TrialHash ?? string.Empty));
        }

        await store.LogBatchAsync(RunId, null, null, tags, cancellationToken).ConfigureAwait(false);
        await Heartbeat.DisposeAsync().ConfigureAwait(false);
        await store.UpdateRunAsync(RunId, RunStatus.Finished, _recording.NowMs, null, cancellationToken).ConfigureAwait(false);
        _resumed = true;
    }

    private async Task LogCurvesAsync(IReadOnlyList<Metric> metrics, IReadOnlyList<Param> parameters, CancellationToken cancellationToken)
    {
        if (metrics.Count > 0 || parameters.Count > 0)
        {
            await _recording.Store.LogBatchAsync(RunId, metrics, parameters, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Run> CreateCandidateAsync(SweepRecording recording, string experimentId, CancellationToken cancellationToken)
    {
        var plan = recording.Plan;
        var tags = new Dictionary<string, string>(recording.Source.Tags())
        {
            // A candidate until it wins the claim; only then does it become the sweep's parent (kind sweep).
            [SegmentationTags.RunKind] = SegmentationTags.RunKindSweepCandidate,
            [SegmentationTags.SweepId] = plan.SweepId,
            [SegmentationTags.ConfigHash] = plan.ConfigHash,
            [SegmentationTags.DatasetDigest] = plan.DatasetDigest,
            [SegmentationTags.Objective] = SweepMarkdownExporter.ObjectiveText(recording.Config.Config.Objective),
            [SegmentationTags.Heartbeat] = ClaimRuns.HeartbeatValue(recording.NowMs),
        };
        var name = $"sweep-{Path.GetFileNameWithoutExtension(recording.Config.ConfigPath)}-{plan.SweepId[..8]}";
        return await recording.Store.CreateRunAsync(
            new CreateRunRequest(experimentId, name, recording.NowMs, tags, null, recording.Source.User), cancellationToken).ConfigureAwait(false);
    }

    private static List<Param> SweepParams(SweepRecording recording) =>
    [
        new("config_file", Path.GetFileName(recording.Config.ConfigPath)),
        new("strategy", recording.Config.Config.Strategy.Kind.ToString().ToLowerInvariant()),
        new("planned_trials", recording.Plan.Trials.Count.ToString(CultureInfo.InvariantCulture)),
        new("features", string.Join(",", recording.Data.FeatureNames)),
        new("seed", recording.Config.Config.Seed.ToString(CultureInfo.InvariantCulture)),
        new("tool_version", ToolVersion.Current),
    ];

    // A resumed sweep re-derives its curves from every member; points already on the parent are not logged twice.
    private async Task<IReadOnlyList<Metric>> WithoutLoggedPointsAsync(IReadOnlyList<Metric> metrics, CancellationToken cancellationToken)
    {
        var kept = new List<Metric>();
        foreach (var group in metrics.GroupBy(m => m.Key))
        {
            var history = await _recording.Store.GetMetricHistoryAsync(RunId, group.Key, cancellationToken).ConfigureAwait(false);
            kept.AddRange(group.Where(m => !history.Any(h => h.Step == m.Step && h.Value.Equals(m.Value))));
        }

        return kept;
    }

    // MLflow refuses to change a param (400 INVALID_PARAMETER_VALUE), and a resumed sweep with more trials can move an
    // elbow: a param already logged with the same value is skipped, one with another value keeps its first value and the
    // current one goes into a tag, which may change.
    private async Task<(IReadOnlyList<Param> New, IReadOnlyList<RunTag> Updated)> SplitChangedParamsAsync(IReadOnlyList<Param> parameters, CancellationToken cancellationToken)
    {
        var logged = (await _recording.Store.GetRunAsync(RunId, cancellationToken).ConfigureAwait(false)).Data.Params;
        var fresh = new List<Param>();
        var updated = new List<RunTag>();
        foreach (var param in parameters)
        {
            if (!logged.TryGetValue(param.Key, out var value))
            {
                fresh.Add(param);
            }
            else if (!string.Equals(value, param.Value, StringComparison.Ordinal))
            {
                updated.Add(new RunTag(SegmentationTags.UpdatedParamPrefix + param.Key, param.Value));
            }
        }

        return (fresh, updated);
    }
}
