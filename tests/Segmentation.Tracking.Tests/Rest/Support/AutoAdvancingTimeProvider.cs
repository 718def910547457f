using System.Collections.Concurrent;

namespace Segmentation.Tracking.Tests.Rest.Support;

/// <summary>A fake clock: timers up to <see cref="FireThreshold"/> fire at once and advance the clock by their delay; longer ones never fire.</summary>
/// <remarks>
/// Backoff delays (seconds to minutes) so pass instantly and are recorded, while per-attempt timeouts set
/// beyond the threshold never trigger. Tests then assert the exact waits without sleeping.
/// </remarks>
public sealed class AutoAdvancingTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _elapsedTicks;

    /// <summary>Timers due within this fire immediately; <value>1 hour</value> by default.</summary>
    public TimeSpan FireThreshold { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Every delay that fired, in order.</summary>
    public ConcurrentQueue<TimeSpan> FiredDelays { get; } = new();

    /// <summary>Total simulated time passed.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Epoch + Elapsed;

    /// <inheritdoc />
    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Moves the clock forward without firing anything (e.g. past a circuit's break duration).</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class FakeTimer(AutoAdvancingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref _disposed) != 0 || dueTime == Timeout.InfiniteTimeSpan || dueTime > owner.FireThreshold)
            {
                return true;
            }

            owner.FiredDelays.Enqueue(dueTime);
            owner.Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    callback(state);
                }
            });
            return true;
        }

        public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
