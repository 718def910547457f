using System.Globalization;
using Segmentation.Runner.Recording;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Claims;

/// <summary>
/// Closes orphans: RUNNING trial and parent runs whose process is gone (heartbeat silent past
/// <see cref="ClaimSettings.StaleAfter"/>). Trials become FAILED, parents KILLED, each with <c>segmentation.claim=orphaned</c>
/// and the reason in <c>segmentation.error</c>. Run when a sweep resumes (its own trials) and by <c>segment runs gc</c>.
/// </summary>
public static class OrphanCollector
{
    /// <summary>Finds and closes the orphans of an experiment (optionally only trials on one dataset); returns them as they were.</summary>
    public static async Task<IReadOnlyList<Run>> CollectAsync(
        ITrackingStore store, string experimentId, string? trialDatasetDigest, ClaimSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(experimentId);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        var filter = trialDatasetDigest is null
            ? "attributes.status = 'RUNNING'"
            : $"attributes.status = 'RUNNING' AND tags.`{SegmentationTags.RunKind}` = '{SegmentationTags.RunKindTrial}' AND tags.`{SegmentationTags.DatasetDigest}` = '{trialDatasetDigest}'";
        var running = await store.SearchRunsAsync(new RunSearchRequest([experimentId], filter), cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var orphans = running
            .Where(r => r.Data.Tags.GetValueOrDefault(SegmentationTags.RunKind) is SegmentationTags.RunKindTrial or SegmentationTags.RunKindSweep or SegmentationTags.RunKindSweepCandidate)
            .Where(r => ClaimRuns.IsOrphan(r, settings, now))
            .OrderBy(r => r.Info.StartTimeMs)
            .ThenBy(r => r.Info.RunId, StringComparer.Ordinal)
            .ToList();
        foreach (var orphan in orphans)
        {
            await CloseAsync(store, orphan, settings, now).ConfigureAwait(false);
        }

        return orphans;
    }

    /// <summary>Closes one orphan (FAILED for a trial, KILLED for a parent) with the reason; not cancellable, never throws for a store failure.</summary>
    public static async Task CloseAsync(ITrackingStore store, Run orphan, ClaimSettings settings, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(orphan);
        ArgumentNullException.ThrowIfNull(settings);
        var isTrial = orphan.Data.Tags.GetValueOrDefault(SegmentationTags.RunKind) == SegmentationTags.RunKindTrial;
        var last = DateTimeOffset.FromUnixTimeMilliseconds(ClaimRuns.HeartbeatMs(orphan)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"orphaned: no heartbeat since {last} (timeout {settings.StaleAfter.TotalSeconds:0.###} s), its process is gone; closed by a resume or runs gc");
        try
        {
            await store.SetTagAsync(orphan.Info.RunId, SegmentationTags.Claim, SegmentationTags.ClaimOrphaned, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (RunClosing.IsStoreFailure(ex))
        {
            // The status below is what matters; CloseQuietlyAsync reports nothing either.
        }

        await RunClosing.CloseQuietlyAsync(store, orphan.Info.RunId, isTrial ? RunStatus.Failed : RunStatus.Killed, new InvalidOperationException(reason), nowMs).ConfigureAwait(false);
    }
}
