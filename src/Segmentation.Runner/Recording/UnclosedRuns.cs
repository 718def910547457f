using System.Collections.Concurrent;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Recording;

/// <summary>
/// This process's runs whose close did not get through: FAILED, KILLED or withdrawn as decided, but the store refused the
/// closing calls (e.g. a trial whose logging exhausted the retries, then whose FAILED close exhausted them too). Before the
/// parent closes, the sweep closes them again (<see cref="CloseAgainAsync"/>), each call with a fresh retry budget, so a
/// completed sweep leaves nothing RUNNING; what still fails is left to the orphan collector of the next resume or runs gc.
/// </summary>
public sealed class UnclosedRuns
{
    // Each run gets this many fresh tries; the pass gives up on the store after this many failures in a row (it is not
    // answering: a gone server must not hold a stopping sweep for one winding-down budget per run).
    private const int Tries = 3;

    private readonly ConcurrentDictionary<string, PendingClose> _pending = new(StringComparer.Ordinal);

    /// <summary>Runs still waiting for their close.</summary>
    public int Count => _pending.Count;

    /// <summary>Records a run whose close to <paramref name="status"/> (with <paramref name="reason"/> as its error tag) failed.</summary>
    public void Add(string runId, RunStatus status, string reason, long endTimeMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(reason);
        _pending[runId] = new PendingClose(status, reason, endTimeMs);
    }

    /// <summary>
    /// Closes the recorded runs again as decided — unless the store already shows one closed (a close whose answer was
    /// lost) — and returns the run ids it still could not close, in order. Not cancellable; never throws for a store failure.
    /// </summary>
    public async Task<IReadOnlyList<string>> CloseAgainAsync(ITrackingStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var failuresInARow = 0;
        for (var round = 0; round < Tries && !_pending.IsEmpty && failuresInARow < Tries; round++)
        {
            foreach (var (runId, close) in _pending.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (await TryCloseAsync(store, runId, close).ConfigureAwait(false))
                {
                    _pending.TryRemove(runId, out _);
                    failuresInARow = 0;
                }
                else if (++failuresInARow >= Tries)
                {
                    break;
                }
            }
        }

        return [.. _pending.Keys.Order(StringComparer.Ordinal)];
    }

    private static async Task<bool> TryCloseAsync(ITrackingStore store, string runId, PendingClose close)
    {
        try
        {
            // Read first: the earlier close may have reached the server with its answer lost, and a call the server answers
            // ends the transport's winding down, so the closing calls below get their full retries again.
            var run = await store.GetRunAsync(runId, CancellationToken.None).ConfigureAwait(false);
            if (run.Info.Status != RunStatus.Running)
            {
                return true;
            }

            await store.SetTagAsync(runId, SegmentationTags.Error, close.Reason, CancellationToken.None).ConfigureAwait(false);
            await store.UpdateRunAsync(runId, close.Status, close.EndTimeMs, null, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (RunClosing.IsStoreFailure(ex))
        {
            return false;
        }
    }

    private sealed record PendingClose(RunStatus Status, string Reason, long EndTimeMs);
}
