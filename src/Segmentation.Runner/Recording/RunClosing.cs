using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Recording;

/// <summary>Closes a run that cannot be completed (FAILED or KILLED, with the error as a tag) without masking the original error.</summary>
public static class RunClosing
{
    /// <summary>
    /// Tags the first line of <paramref name="cause"/> and sets <paramref name="status"/>; never throws for a store failure.
    /// A close that fails is recorded in <paramref name="unclosed"/> (when given), for the sweep to close again before its parent closes.
    /// </summary>
    public static async Task CloseQuietlyAsync(ITrackingStore store, string runId, RunStatus status, Exception cause, long endTimeMs, UnclosedRuns? unclosed = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cause);
        var reason = FirstLine(cause.Message);
        try
        {
            // Not cancellable: the run must not stay RUNNING even when the sweep is being stopped.
            await store.SetTagAsync(runId, SegmentationTags.Error, reason, CancellationToken.None).ConfigureAwait(false);
            await store.UpdateRunAsync(runId, status, endTimeMs, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            // The original error is what the caller reports; a second failure while closing adds nothing actionable here —
            // the run is closed again later with fresh retries, or left to the orphan collector.
            unclosed?.Add(runId, status, reason, endTimeMs);
        }
    }

    /// <summary>Whether <paramref name="ex"/> is the store failing (refused, unreachable, I/O), not a bug: what a quiet close swallows.</summary>
    public static bool IsStoreFailure(Exception ex) => ex is MlflowException or IOException or HttpRequestException;

    /// <summary>The first line of an error message, at most 500 characters (a tag value MLflow shows in the runs table).</summary>
    public static string FirstLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 500 ? line : line[..500];
    }
}
