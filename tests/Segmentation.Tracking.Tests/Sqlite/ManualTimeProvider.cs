namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>A clock the test sets; each read advances it by one millisecond so creation times stay ordered.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
