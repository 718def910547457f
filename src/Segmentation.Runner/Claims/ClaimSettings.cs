using System.Globalization;
using Segmentation.Core.Errors;

namespace Segmentation.Runner.Claims;

/// <summary>How often a working process proves it is alive, and how long silence makes its RUNNING runs orphans.</summary>
/// <param name="HeartbeatInterval">Between two refreshes of <c>segmentation.heartbeat</c>; default 30 s (<see cref="HeartbeatVariable"/>).</param>
/// <param name="StaleAfter">A RUNNING run whose heartbeat is older than this is an orphan; default 5 min (<see cref="TimeoutVariable"/>).</param>
/// <remarks>
/// The timeout must exceed the interval many times over plus the clock skew between machines: a claim is judged by the
/// owner's timestamp on the observer's clock, so a live owner must never look silent. Loading enforces at least 3×.
/// </remarks>
public sealed record ClaimSettings(TimeSpan HeartbeatInterval, TimeSpan StaleAfter)
{
    /// <summary>Seconds between heartbeats.</summary>
    public const string HeartbeatVariable = "SEGMENTATION_HEARTBEAT_SECONDS";

    /// <summary>Seconds of heartbeat silence after which a RUNNING run is an orphan.</summary>
    public const string TimeoutVariable = "SEGMENTATION_CLAIM_TIMEOUT_SECONDS";

    /// <summary>30 s heartbeats, orphaned after 5 min of silence.</summary>
    public static ClaimSettings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    /// <summary>The defaults overridden by <see cref="HeartbeatVariable"/> and <see cref="TimeoutVariable"/>.</summary>
    /// <exception cref="UsageException">A variable is not a positive number of seconds, or the timeout is under 3 heartbeats.</exception>
    public static ClaimSettings FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var interval = Seconds(environment, HeartbeatVariable) ?? Default.HeartbeatInterval;
        var timeout = Seconds(environment, TimeoutVariable) ?? Default.StaleAfter;
        if (timeout < interval * 3)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{TimeoutVariable}={timeout.TotalSeconds}: expected at least 3 × {HeartbeatVariable} ({interval.TotalSeconds} s), so a live process never looks orphaned"));
        }

        return new ClaimSettings(interval, timeout);
    }

    /// <summary>How long to wait before offering again the trials another live process holds: a heartbeat, at most 5 s.</summary>
    public TimeSpan PollInterval => HeartbeatInterval < TimeSpan.FromSeconds(5) ? HeartbeatInterval : TimeSpan.FromSeconds(5);

    /// <summary>Whether a RUNNING run whose owner last proved it was alive at <paramref name="heartbeatMs"/> is an orphan at <paramref name="nowMs"/>.</summary>
    public bool IsStale(long heartbeatMs, long nowMs) => nowMs - heartbeatMs > (long)StaleAfter.TotalMilliseconds;

    private static TimeSpan? Seconds(Func<string, string?> environment, string name)
    {
        var text = environment(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"{name}='{text}': expected a positive number of seconds, e.g. 30");
    }
}
