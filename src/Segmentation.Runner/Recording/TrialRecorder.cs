using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Recording;

/// <summary>
/// Logs each trial as a child run of the sweep's parent — created only after the trial is fitted, so a run is either
/// FINISHED with all its data or FAILED/KILLED with the reason.
/// </summary>
public sealed class TrialRecorder(SweepRecording recording, SweepParentRun parent)
{
    private readonly SweepRecording _recording = recording ?? throw new ArgumentNullException(nameof(recording));
    private readonly SweepParentRun _parent = parent ?? throw new ArgumentNullException(nameof(parent));

    /// <summary>
    /// Logs a fitted trial as a complete child run: tags at creation, then params and metrics, then the model
    /// folder, then FINISHED. If anything fails or is cancelled on the way the run is closed FAILED or KILLED.
    /// </summary>
    public async Task<string> LogFinishedAsync(TrialResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var store = _recording.Store;
        var trial = result.Trial;
        var tags = Tags(trial);
        tags[SweepTags.Note] = SweepNotes.Trial(trial, _recording.Plan, _recording.Config.Config.Constraints, result.Metrics);
        var run = await store.CreateRunAsync(
            new CreateRunRequest(_parent.ExperimentId, trial.RunName, _recording.NowMs, tags, _parent.RunId, _recording.Source.User), cancellationToken).ConfigureAwait(false);
        var runId = run.Info.RunId;
        var staging = Path.Combine(Path.GetTempPath(), "segment-trial-" + runId);
        try
        {
            var now = _recording.NowMs;
            await store.LogBatchAsync(
                runId,
                result.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new Metric(m.Key, m.Value, now)).ToList(),
                Params(trial),
                null,
                cancellationToken).ConfigureAwait(false);
            var data = _recording.Data;
            ModelDirectory.Write(staging, result.Pipeline, ClusterProfile.ToCsv(data.Features, data.FeatureNames, result.Labels), runId, _recording.Clock.GetUtcNow(), ToolVersion.Current);
            await store.UploadArtifactsAsync(runId, staging, ModelDirectory.ArtifactPath, cancellationToken).ConfigureAwait(false);
            await store.UpdateRunAsync(runId, RunStatus.Finished, _recording.NowMs, null, cancellationToken).ConfigureAwait(false);
            return runId;
        }
        catch (Exception ex)
        {
            await RunClosing.CloseQuietlyAsync(store, runId, ex is OperationCanceledException ? RunStatus.Killed : RunStatus.Failed, ex, _recording.NowMs).ConfigureAwait(false);
            throw;
        }
        finally
        {
            RunArtifacts.TryDelete(staging);
        }
    }

    /// <summary>Logs a trial whose fit failed: params, the error as a tag and a note, status FAILED.</summary>
    public async Task<string> LogFailedAsync(Trial trial, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(error);
        var store = _recording.Store;
        var tags = Tags(trial);
        tags[SweepTags.Error] = RunClosing.FirstLine(error.Message);
        tags[SweepTags.Note] = SweepNotes.FailedTrial(error);
        var run = await store.CreateRunAsync(
            new CreateRunRequest(_parent.ExperimentId, trial.RunName, _recording.NowMs, tags, _parent.RunId, _recording.Source.User), cancellationToken).ConfigureAwait(false);
        try
        {
            await store.LogBatchAsync(run.Info.RunId, null, Params(trial), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await store.UpdateRunAsync(run.Info.RunId, RunStatus.Failed, _recording.NowMs, null, CancellationToken.None).ConfigureAwait(false);
        }

        return run.Info.RunId;
    }

    private static List<Param> Params(Trial trial) => trial.Params.Select(p => new Param(p.Key, p.Value)).ToList();

    private Dictionary<string, string> Tags(Trial trial)
    {
        var plan = _recording.Plan;
        return new Dictionary<string, string>(_recording.Source.Tags())
        {
            [SweepTags.RunKind] = SweepTags.KindTrial,
            [SweepTags.TrialHash] = trial.Hash,
            [SweepTags.DatasetDigest] = plan.DatasetDigest,
            [SweepTags.ConfigHash] = plan.ConfigHash,
            [SweepTags.SweepId] = plan.SweepId,
        };
    }
}
