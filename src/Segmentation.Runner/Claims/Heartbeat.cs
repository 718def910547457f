using System.Collections.Concurrent;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Claims;

/// <summary>
/// One process's proof of life: every <see cref="ClaimSettings.HeartbeatInterval"/> it sets <c>segmentation.heartbeat</c>
/// on each run it is working on (the sweep's parent and its RUNNING trials), so others can tell a slow run from an orphan.
/// </summary>
/// <remarks>A failed refresh is skipped, not fatal: the next tick retries, and only a silence longer than
/// <see cref="ClaimSettings.StaleAfter"/> (many intervals) makes the run an orphan.</remarks>
public sealed class Heartbeat : IAsyncDisposable
{
    private readonly ITrackingStore _store;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, byte> _runs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private int _disposed;

    /// <summary>Starts beating (for no run yet) every <paramref name="interval"/> on <paramref name="clock"/>.</summary>
    public Heartbeat(ITrackingStore store, TimeProvider clock, TimeSpan interval)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _timer = new PeriodicTimer(interval, clock);
        _loop = Task.Run(() => BeatAsync(_stop.Token));
    }

    /// <summary>Starts refreshing the run's heartbeat.</summary>
    public void Track(string runId) => _runs[runId] = 0;

    /// <summary>Stops refreshing the run's heartbeat (it is closed, or left to others).</summary>
    public void Untrack(string runId) => _runs.TryRemove(runId, out _);

    /// <summary>Stops the beating (idempotent); the tracked runs keep their last heartbeat.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Disposing the timer ends its wait quietly (the loop sees false); a cancelled wait would instead build an
        // OperationCanceledException with a captured stack trace, which loads the runtime's symbol readers: several
        // milliseconds at the end of every sweep. The token still stops a beat that is being written.
        _timer.Dispose();
        await _stop.CancelAsync().ConfigureAwait(false);

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        _stop.Dispose();
    }

    private async Task BeatAsync(CancellationToken stop)
    {
        while (await _timer.WaitForNextTickAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var value = ClaimRuns.HeartbeatValue(_clock.GetUtcNow().ToUnixTimeMilliseconds());
            foreach (var runId in _runs.Keys)
            {
                try
                {
                    await _store.SetTagAsync(runId, SegmentationTags.Heartbeat, value, stop).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is MlflowException or IOException or HttpRequestException or TimeoutException)
                {
                    // Skipped beat: the timeout spans many intervals, so one lost refresh does not orphan the run.
                }
            }
        }
    }
}
