namespace Segmentation.Runner.Tests.Promotion;

/// <summary>A clock that always says the same instant, so recorded times and reports are reproducible.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>2026-11-23 15:00:00 UTC.</summary>
    public static DateTimeOffset Instant { get; } = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    public FixedClock()
        : this(Instant)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
