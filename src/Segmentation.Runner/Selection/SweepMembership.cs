using Segmentation.Runner.Recording;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Selection;

/// <summary>
/// The one answer to "which FINISHED trials belong to this sweep", used by resume, the leaderboard, <c>segment promote</c>
/// and <c>promote_at_end</c> alike.
/// </summary>
/// <remarks>
/// A sweep is its plan: the trial hashes its config expands to on one dataset (<see cref="SweepPlanRecord"/>). Its
/// members are the FINISHED trial runs of the experiment on that dataset whose hash is in the plan — one per hash, the
/// oldest (then the smallest run id) — whichever invocation, shard or parent run logged them. So a re-run, a shard, an
/// edited constraint or objective (which change neither a trial hash nor the sweep id) and a grown grid that re-uses
/// earlier trials all see the same runs. The parent run is found by sweep id, and records the plan so membership can
/// be read back without the config.
/// </remarks>
public sealed class SweepMembership(ITrackingStore store)
{
    /// <summary>The parent run's artifact holding its <see cref="SweepPlanRecord"/>.</summary>
    public const string PlanArtifact = "sweep_plan.json";

    private readonly ITrackingStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The members of the sweep <paramref name="plan"/> describes, by trial hash.</summary>
    public async Task<IReadOnlyDictionary<string, TrialRun>> FinishedTrialsAsync(string experimentId, SweepPlanRecord plan, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(experimentId);
        ArgumentNullException.ThrowIfNull(plan);
        var planned = plan.Trials.ToHashSet(StringComparer.Ordinal);
        var runs = await _store.SearchRunsAsync(
            new RunSearchRequest(
                [experimentId],
                $"tags.`{SegmentationTags.RunKind}` = '{SegmentationTags.RunKindTrial}' AND tags.`{SegmentationTags.DatasetDigest}` = '{plan.DatasetDigest}' AND attributes.status = 'FINISHED'",
                ["attributes.start_time ASC"]),
            cancellationToken).ConfigureAwait(false);
        var members = new Dictionary<string, TrialRun>(StringComparer.Ordinal);
        // Ordered here, not by the server, so the chosen run per hash never depends on a backend's tie-breaking.
        foreach (var run in runs.OrderBy(r => r.Info.StartTimeMs).ThenBy(r => r.Info.RunId, StringComparer.Ordinal))
        {
            if (run.Info.Status == RunStatus.Finished
                && run.Data.Tags.TryGetValue(SegmentationTags.TrialHash, out var hash)
                && planned.Contains(hash))
            {
                members.TryAdd(hash, TrialRun.FromRun(run));
            }
        }

        return members;
    }

    /// <summary>The sweep's parent run (the oldest, should a race have made two), or null when it has none yet.</summary>
    public async Task<Run?> FindParentAsync(string experimentId, string sweepId, CancellationToken cancellationToken)
    {
        var parents = await _store.SearchRunsAsync(
            new RunSearchRequest(
                [experimentId],
                $"tags.`{SegmentationTags.SweepId}` = '{sweepId}' AND tags.`{SegmentationTags.RunKind}` = '{SegmentationTags.RunKindSweep}'",
                ["attributes.start_time ASC"]),
            cancellationToken).ConfigureAwait(false);
        return parents.OrderBy(r => r.Info.StartTimeMs).ThenBy(r => r.Info.RunId, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>
    /// The latest finished sweep of an experiment: the FINISHED parent run whose last invocation ended last (a re-run
    /// sweep counts from its re-run), ties to the later start, then the larger run id.
    /// </summary>
    /// <exception cref="SelectionException">The experiment holds no finished sweep.</exception>
    public async Task<Run> LatestParentAsync(string experimentId, string experimentName, CancellationToken cancellationToken)
    {
        var parents = await _store.SearchRunsAsync(
            new RunSearchRequest([experimentId], $"tags.`{SegmentationTags.RunKind}` = '{SegmentationTags.RunKindSweep}'"),
            cancellationToken).ConfigureAwait(false);
        return parents
            .Where(r => r.Info.Status == RunStatus.Finished)
            .OrderByDescending(r => r.Info.EndTimeMs ?? r.Info.StartTimeMs)
            .ThenByDescending(r => r.Info.StartTimeMs)
            .ThenByDescending(r => r.Info.RunId, StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new SelectionException(
                $"experiment '{experimentName}' holds no sweep that has finished (no FINISHED run tagged {SegmentationTags.RunKind}={SegmentationTags.RunKindSweep}); run a sweep into it first or pass --parent");
    }

    /// <summary>Reads the plan a parent run recorded.</summary>
    /// <exception cref="SelectionException">The run is not a sweep's parent, or was logged before plans were recorded.</exception>
    public async Task<SweepPlanRecord> ReadPlanAsync(Run parent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var runId = parent.Info.RunId;
        if (!parent.Data.Tags.TryGetValue(SegmentationTags.RunKind, out var kind) || kind != SegmentationTags.RunKindSweep)
        {
            throw new SelectionException($"run '{runId}' ({parent.Info.RunName}) is not a sweep's parent run (no tag {SegmentationTags.RunKind}={SegmentationTags.RunKindSweep})");
        }

        var local = Path.Combine(Path.GetTempPath(), "segment-plan-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await _store.DownloadArtifactAsync(runId, PlanArtifact, local, cancellationToken).ConfigureAwait(false);
            return SweepPlanRecord.Parse(await File.ReadAllTextAsync(local, cancellationToken).ConfigureAwait(false), $"run {runId} artifact {PlanArtifact}");
        }
        catch (ResourceNotFoundException ex)
        {
            throw new SelectionException(
                $"sweep run '{runId}' ({parent.Info.RunName}) has no {PlanArtifact}: it was logged by an older version of this tool; "
                + "run the sweep again (every finished trial is skipped) to record its plan",
                ex);
        }
        finally
        {
            File.Delete(local);
        }
    }
}
