using System.Globalization;
using Segmentation.Core.Errors;

namespace Segmentation.Tracking.Rest;

/// <summary>Retry, timeout and circuit-breaker limits of the MLflow REST transport.</summary>
/// <remarks>
/// Defaults follow MLflow 2.17's own Python client (mlflow/environment_variables.py and the urllib3
/// Retry it builds): 7 retries, backoff factor 2 s, jitter up to 1 s, 120 s per request, backoff capped
/// at 120 s, Retry-After honoured. Older MLflow releases (before 2.10) used 5 retries. The total deadline
/// (<see cref="TotalTimeout"/>) is ours: MLflow's client has none.
/// </remarks>
public sealed record MlflowHttpOptions
{
    /// <summary>Environment variable that overrides <see cref="MaxRetries"/>.</summary>
    public const string MaxRetriesVariable = "MLFLOW_HTTP_REQUEST_MAX_RETRIES";

    /// <summary>Environment variable that overrides <see cref="BackoffFactor"/> (seconds).</summary>
    public const string BackoffFactorVariable = "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR";

    /// <summary>Environment variable that overrides <see cref="BackoffJitter"/> (seconds).</summary>
    public const string BackoffJitterVariable = "MLFLOW_HTTP_REQUEST_BACKOFF_JITTER";

    /// <summary>Environment variable that overrides <see cref="RequestTimeout"/> (whole seconds).</summary>
    public const string TimeoutVariable = "MLFLOW_HTTP_REQUEST_TIMEOUT";

    /// <summary>Environment variable that overrides <see cref="TotalTimeout"/> (seconds); our own, named in MLflow's MLFLOW_HTTP_REQUEST_* style.</summary>
    public const string TotalTimeoutVariable = "MLFLOW_HTTP_REQUEST_TOTAL_TIMEOUT";

    /// <summary>Upper bound MLflow itself enforces on the retry count.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>Retries after the first attempt; <value>7</value> by default, at most 10.</summary>
    public int MaxRetries { get; init; } = 7;

    /// <summary>Exponential backoff base: retry n (n ≥ 2) waits factor · 2^(n-1); <value>2 s</value> by default.</summary>
    public TimeSpan BackoffFactor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of the uniform random jitter added to each backoff; <value>1 s</value> by default.</summary>
    public TimeSpan BackoffJitter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait between attempts, also the cap on Retry-After; <value>120 s</value> by default.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Time allowed for one attempt (connect, send, read the whole body); <value>120 s</value> by default.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Longest time one call may take, every attempt and backoff included; <value>120 s</value> by default. With MLflow's
    /// retry defaults alone an unreachable server takes 4 (refused) to 22 (timing out) minutes to give up on: past this
    /// deadline no retry starts, a backoff that would end past it is not slept, and an attempt in flight is cut at it.
    /// </summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The total deadline while winding down — after a call gave up on the server or was cancelled, until the server answers
    /// again; <value>1 s</value> by default. Closing runs after Ctrl-C or a dead server takes that long at most per call.
    /// </summary>
    public TimeSpan WindingDownTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether a Retry-After header on a retryable response replaces the computed backoff; <value>true</value> by default.</summary>
    public bool RespectRetryAfter { get; init; } = true;

    /// <summary>Failure ratio within <see cref="CircuitSamplingDuration"/> that opens the circuit; <value>0.8</value> by default.</summary>
    public double CircuitFailureRatio { get; init; } = 0.8;

    /// <summary>Attempts needed in the sampling window before the circuit can open; <value>20</value> by default.</summary>
    public int CircuitMinimumThroughput { get; init; } = 20;

    /// <summary>Window over which attempt failures are counted; <value>60 s</value> by default.</summary>
    public TimeSpan CircuitSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit rejects calls before letting one probe through; <value>30 s</value> by default.</summary>
    public TimeSpan CircuitBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks every limit and throws an <see cref="ArgumentException"/> naming the setting and its allowed range.</summary>
    public MlflowHttpOptions Validate()
    {
        Require(MaxRetries is >= 0 and <= MaxRetriesLimit, nameof(MaxRetries), MaxRetries, $"an integer from 0 to {MaxRetriesLimit}");
        Require(BackoffFactor >= TimeSpan.Zero && BackoffFactor <= MaxBackoff, nameof(BackoffFactor), BackoffFactor, "between 0 and MaxBackoff");
        Require(BackoffJitter >= TimeSpan.Zero && BackoffJitter <= MaxBackoff, nameof(BackoffJitter), BackoffJitter, "between 0 and MaxBackoff");
        Require(MaxBackoff >= TimeSpan.Zero && MaxBackoff <= TimeSpan.FromHours(1), nameof(MaxBackoff), MaxBackoff, "between 0 and 1 hour");
        Require(RequestTimeout >= TimeSpan.FromMilliseconds(10) && RequestTimeout <= TimeSpan.FromHours(24), nameof(RequestTimeout), RequestTimeout, "between 10 ms and 24 hours");
        Require(TotalTimeout >= TimeSpan.FromMilliseconds(10) && TotalTimeout <= TimeSpan.FromHours(24), nameof(TotalTimeout), TotalTimeout, "between 10 ms and 24 hours");
        Require(WindingDownTimeout >= TimeSpan.FromMilliseconds(10) && WindingDownTimeout <= TimeSpan.FromHours(24), nameof(WindingDownTimeout), WindingDownTimeout, "between 10 ms and 24 hours");
        Require(CircuitFailureRatio is > 0 and <= 1, nameof(CircuitFailureRatio), CircuitFailureRatio, "greater than 0 and at most 1");
        Require(CircuitMinimumThroughput >= 2, nameof(CircuitMinimumThroughput), CircuitMinimumThroughput, "at least 2");
        Require(CircuitSamplingDuration >= TimeSpan.FromMilliseconds(500), nameof(CircuitSamplingDuration), CircuitSamplingDuration, "at least 0.5 s");
        Require(CircuitBreakDuration >= TimeSpan.FromMilliseconds(500), nameof(CircuitBreakDuration), CircuitBreakDuration, "at least 0.5 s");
        return this;
    }

    /// <summary>Applies the MLFLOW_HTTP_REQUEST_* overrides found through <paramref name="getEnvironmentVariable"/> and validates the result.</summary>
    public MlflowHttpOptions WithEnvironment(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var result = this;
        if (Read(getEnvironmentVariable, MaxRetriesVariable) is { } retries)
        {
            result = result with { MaxRetries = (int)ParseNumber(MaxRetriesVariable, retries, integer: true) };
        }

        if (Read(getEnvironmentVariable, BackoffFactorVariable) is { } factor)
        {
            result = result with { BackoffFactor = TimeSpan.FromSeconds(ParseNumber(BackoffFactorVariable, factor, integer: false)) };
        }

        if (Read(getEnvironmentVariable, BackoffJitterVariable) is { } jitter)
        {
            result = result with { BackoffJitter = TimeSpan.FromSeconds(ParseNumber(BackoffJitterVariable, jitter, integer: false)) };
        }

        if (Read(getEnvironmentVariable, TimeoutVariable) is { } timeout)
        {
            result = result with { RequestTimeout = TimeSpan.FromSeconds(ParseNumber(TimeoutVariable, timeout, integer: false)) };
        }

        if (Read(getEnvironmentVariable, TotalTimeoutVariable) is { } total)
        {
            result = result with { TotalTimeout = TimeSpan.FromSeconds(ParseNumber(TotalTimeoutVariable, total, integer: false)) };
        }

        return result.Validate();
    }

    private static string? Read(Func<string, string?> getEnvironmentVariable, string name)
    {
        // MLflow treats an empty variable as unset.
        var value = getEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static double ParseNumber(string name, string text, bool integer)
    {
        var style = integer ? NumberStyles.Integer : NumberStyles.Float;
        if (!double.TryParse(text, style, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value) || value < 0 || value > 86_400)
        {
            var expected = integer ? "a non-negative integer" : "a non-negative number of seconds";
            throw new UsageException($"Environment variable {name}='{text}' is not valid: expected {expected}.");
        }

        return value;
    }

    private static void Require(bool condition, string name, object value, string expected)
    {
        if (!condition)
        {
            throw new UsageException(
                string.Create(CultureInfo.InvariantCulture, $"MlflowHttpOptions.{name} = {value} is out of range: expected {expected}."));
        }
    }
}
