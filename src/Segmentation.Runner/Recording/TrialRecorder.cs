using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

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
    /// folder (uploaded from memory), then FINISHED. If anything fails or is cancelled on the way the run is closed FAILED or KILLED.
    /// </summary>
    public async Task<string> LogFinishedAsync(TrialResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var store = _recording.Store;
        var trial = result.Trial;
        var tags = Tags(trial);
        tags[MlflowTags.NoteContent] = SweepNotes.Trial(trial, _recording.Plan, _recording.Config.Config.Constraints, result.Metrics);
        var run = await store.CreateRunAsync(
            new CreateRunRequest(_parent.ExperimentId, trial.RunName, _recording.NowMs, tags, _parent.RunId, _recording.Source.User), cancellationToken).ConfigureAwait(false);
        var runId = run.Info.RunId;
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
            var model = TrialModel.Content(result.Pipeline, ClusterProfile.ToCsv(data.Features, data.FeatureNames, result.Labels));
            await ModelFolder.UploadAsync(store, runId, model, _recording.Clock.GetUtcNow(), ToolVersion.Current, null, cancellationToken).ConfigureAwait(false);
            // Issue 12: named segment profiles next to cluster_profile.csv, written from here while ModelFolder's layout is being reworked.
            var segments = Segments.SegmentsJson.Write(Segments.SegmentProfiler.Profile(data, result.Labels));
            await RunArtifacts.UploadTextAsync(store, runId, ModelFolder.ArtifactPath + "/" + Segments.SegmentsJson.FileName, segments, cancellationToken).ConfigureAwait(false);
            await store.UpdateRunAsync(runId, RunStatus.Finished, _recording.NowMs, null, cancellationToken).ConfigureAwait(false);
            return runId;
        }
        catch (Exception ex)
        {
            await RunClosing.CloseQuietlyAsync(store, runId, ex is OperationCanceledException ? RunStatus.Killed : RunStatus.Failed, ex, _recording.NowMs).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Logs a trial whose fit failed: params, the error as a tag and a note, status FAILED.</summary>
    public async Task<string> LogFailedAsync(Trial trial, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(error);
        var store = _recording.Store;
        var tags = Tags(trial);
        tags[SegmentationTags.Error] = RunClosing.FirstLine(error.Message);
        tags[MlflowTags.NoteContent] = SweepNotes.FailedTrial(error);
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
            [SegmentationTags.RunKind] = SegmentationTags.RunKindTrial,
            [SegmentationTags.TrialHash] = trial.Hash,
            [SegmentationTags.DatasetDigest] = plan.DatasetDigest,
            [SegmentationTags.ConfigHash] = plan.ConfigHash,
            [SegmentationTags.SweepId] = plan.SweepId,
        };
    }
}
