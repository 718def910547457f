using System.Globalization;

namespace Segmentation.Runner.Execution;

/// <summary>
/// Time spent per <see cref="SweepPhase"/> during one sweep invocation, accumulated from every worker (thread-safe), so
/// a user can see what dominates. Phases inside the trials (preprocessing, fits, metrics, logging, artifacts) are summed
/// over the trials running in parallel: they measure work, and together can exceed the wall time.
/// </summary>
public sealed class SweepPhases
{
    private readonly long[] _ticks = new long[Enum.GetValues<SweepPhase>().Length];
    private readonly TimeProvider _clock;

    /// <summary>Creates an empty set of timers reading <paramref name="clock"/>.</summary>
    public SweepPhases(TimeProvider clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>A timestamp to pass to <see cref="Stop"/>.</summary>
    public long Start() => _clock.GetTimestamp();

    /// <summary>Adds the time since <paramref name="started"/> (from <see cref="Start"/>) to <paramref name="phase"/>.</summary>
    public void Stop(SweepPhase phase, long started) => Add(phase, _clock.GetElapsedTime(started));

    /// <summary>Adds <paramref name="elapsed"/> to <paramref name="phase"/>.</summary>
    public void Add(SweepPhase phase, TimeSpan elapsed) => Interlocked.Add(ref _ticks[(int)phase], elapsed.Ticks);

    /// <summary>Seconds spent in <paramref name="phase"/> so far.</summary>
    public double Seconds(SweepPhase phase) => TimeSpan.FromTicks(Interlocked.Read(ref _ticks[(int)phase])).TotalSeconds;

    /// <summary>Every phase's seconds, keyed by its snake_case name (<c>load</c>, <c>preprocessing</c>, …), in sweep order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Snapshot() =>
        Enum.GetValues<SweepPhase>().Select(p => KeyValuePair.Create(Name(p), Seconds(p))).ToList();

    /// <summary>The phase's name in JSON and in the summary line.</summary>
    public static string Name(SweepPhase phase) => phase.ToString().ToLower(CultureInfo.InvariantCulture);
}
