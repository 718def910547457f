using System.Globalization;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Claims;

/// <summary>How the claim protocol reads a run: when its owner last proved it was alive, and whether it still holds its claim.</summary>
public static class ClaimRuns
{
    /// <summary>The run's <c>segmentation.heartbeat</c> (Unix ms), or its start time when it has none (runs logged before heartbeats).</summary>
    public static long HeartbeatMs(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Data.Tags.TryGetValue(SegmentationTags.Heartbeat, out var text)
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? Math.Max(ms, run.Info.StartTimeMs)
            : run.Info.StartTimeMs;
    }

    /// <summary>
    /// Whether the run holds its claim at <paramref name="nowMs"/>: FINISHED (the work is done), or RUNNING with a fresh
    /// heartbeat (the work is being done). FAILED, KILLED and silent RUNNING runs hold nothing, so the work may be redone.
    /// </summary>
    public static bool HoldsClaim(Run run, ClaimSettings settings, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        return run.Info.Status == RunStatus.Finished
            || (run.Info.Status == RunStatus.Running && !settings.IsStale(HeartbeatMs(run), nowMs));
    }

    /// <summary>Whether the run is RUNNING but its owner has been silent longer than the timeout: an orphan.</summary>
    public static bool IsOrphan(Run run, ClaimSettings settings, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        return run.Info.Status == RunStatus.Running && settings.IsStale(HeartbeatMs(run), nowMs);
    }

    /// <summary>The tag value of a heartbeat at <paramref name="nowMs"/>.</summary>
    public static string HeartbeatValue(long nowMs) => nowMs.ToString(CultureInfo.InvariantCulture);
}
