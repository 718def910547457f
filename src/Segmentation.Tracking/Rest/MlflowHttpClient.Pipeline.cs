using System.Globalization;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Segmentation.Tracking.Rest;

/// <summary>The resilience pipeline: retry (outermost), circuit breaker, per-attempt timeout (innermost).</summary>
public sealed partial class MlflowHttpClient
{
    private static readonly ResiliencePropertyKey<bool> RetryInternalErrorKey = new("mlflow.retry-internal-error");
    private static readonly ResiliencePropertyKey<string> OperationKey = new("mlflow.operation");
    private static readonly ResiliencePropertyKey<long> StartedKey = new("mlflow.started");
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelayKey = new("mlflow.next-delay");
    private static readonly ResiliencePropertyKey<bool> GaveUpKey = new("mlflow.gave-up");
    private static readonly ResiliencePropertyKey<bool> WindingDownKey = new("mlflow.winding-down");
    private static readonly TimeSpan ShortestAttempt = TimeSpan.FromMilliseconds(10);

    /// <summary>Statuses MLflow's client retries (its urllib3 status_forcelist).</summary>
    public static bool IsRetryableStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Backoff before retry number <paramref name="retryIndex"/> + 1 as urllib3 computes it for MLflow: the first
    /// retry is immediate, retry n ≥ 2 waits factor · 2^(n-1) plus uniform jitter, capped at the maximum backoff.
    /// </summary>
    public static TimeSpan ComputeBackoff(MlflowHttpOptions options, int retryIndex, double uniform)
    {
        if (retryIndex <= 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = (options.BackoffFactor.TotalSeconds * Math.Pow(2, retryIndex)) + (options.BackoffJitter.TotalSeconds * uniform);
        return TimeSpan.FromSeconds(Math.Min(seconds, options.MaxBackoff.TotalSeconds));
    }

    private ResiliencePipeline<MlflowResponse> BuildPipeline(MlflowHttpOptions options, TimeProvider timeProvider, Func<double> random)
    {
        var builder = new ResiliencePipelineBuilder<MlflowResponse> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<MlflowResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                // The delay is chosen here, where the retry can still be declined: a wait that would end past the total
                // deadline is not slept; the call gives up at once with the last failure.
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome, args.Context) && PlanRetry(options, timeProvider, args.AttemptNumber, args.Outcome, args.Context, random)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(NextDelayKey, TimeSpan.Zero)),
                OnRetry = args =>
                {
                    _log?.Invoke(string.Create(
                        CultureInfo.InvariantCulture,
                        $"MLflow server {_serverForMessages} {DescribeProblem(args.Outcome)}, retry {args.AttemptNumber + 1}/{options.MaxRetries} in {args.RetryDelay.TotalSeconds:0.###} s ({args.Context.Properties.GetValue(OperationKey, "request")})."));
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<MlflowResponse>
        {
            FailureRatio = options.CircuitFailureRatio,
            MinimumThroughput = options.CircuitMinimumThroughput,
            SamplingDuration = options.CircuitSamplingDuration,
            BreakDuration = options.CircuitBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome, args.Context)),
            OnOpened = args =>
            {
                _log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"MLflow circuit opened for {args.BreakDuration.TotalSeconds:0.#} s after repeated failures ({DescribeOutcome(args.Outcome)})."));
                return default;
            },
        });
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            // An attempt never runs past the call's total deadline.
            TimeoutGenerator = args => ValueTask.FromResult(AttemptTimeout(options, timeProvider, args.Context)),
        });
        return builder.Build();
    }

    private static bool PlanRetry(MlflowHttpOptions options, TimeProvider timeProvider, int attemptNumber, Outcome<MlflowResponse> outcome, ResilienceContext context, Func<double> random)
    {
        var delay = ChooseDelay(options, attemptNumber, outcome, random);
        if (Elapsed(timeProvider, context) + delay >= Deadline(options, context))
        {
            context.Properties.Set(GaveUpKey, true);
            return false;
        }

        context.Properties.Set(NextDelayKey, delay);
        return true;
    }

    private static TimeSpan AttemptTimeout(MlflowHttpOptions options, TimeProvider timeProvider, ResilienceContext context)
    {
        var remaining = Deadline(options, context) - Elapsed(timeProvider, context);
        var timeout = remaining < options.RequestTimeout ? remaining : options.RequestTimeout;
        return timeout < ShortestAttempt ? ShortestAttempt : timeout;
    }

    // Winding down (after a give-up or a cancellation), a call still retries, but all of it fits in the short budget.
    private static TimeSpan Deadline(MlflowHttpOptions options, ResilienceContext context) =>
        context.Properties.GetValue(WindingDownKey, false) && options.WindingDownTimeout < options.TotalTimeout ? options.WindingDownTimeout : options.TotalTimeout;

    private static TimeSpan Elapsed(TimeProvider timeProvider, ResilienceContext context) =>
        timeProvider.GetElapsedTime(context.Properties.GetValue(StartedKey, timeProvider.GetTimestamp()));

    private static bool IsFailure(Outcome<MlflowResponse> outcome, ResilienceContext context)
    {
        if (outcome.Exception is { } ex)
        {
            // Caller cancellation and an open circuit are final; network faults and attempt timeouts are transient.
            return ex is HttpRequestException or TimeoutRejectedException or IOException;
        }

        var status = outcome.Result!.Status;
        if (status == HttpStatusCode.InternalServerError && !context.Properties.GetValue(RetryInternalErrorKey, true))
        {
            // An artifact download: a missing file is final, any other 500 is a failing server like anywhere else.
            return !MlflowErrorTranslator.IsMissingArtifact(outcome.Result);
        }

        return IsRetryableStatus(status);
    }

    private static TimeSpan ChooseDelay(MlflowHttpOptions options, int retryIndex, Outcome<MlflowResponse> outcome, Func<double> random)
    {
        if (options.RespectRetryAfter && outcome.Result?.RetryAfter is { } retryAfter)
        {
            // A server asking for a pause is obeyed (never negative, never beyond the cap).
            return retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter > options.MaxBackoff ? options.MaxBackoff : retryAfter;
        }

        return ComputeBackoff(options, retryIndex, random());
    }

    // "unreachable (connection refused)", "busy (HTTP 429)", "failed (HTTP 503)": the progress line a user waiting on a retry reads.
    private static string DescribeProblem(Outcome<MlflowResponse> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "unreachable (request timed out)",
        HttpRequestException { InnerException: System.Net.Sockets.SocketException socket } => "unreachable (" + SocketProblem(socket.SocketErrorCode) + ")",
        HttpRequestException { HttpRequestError: var error } => "unreachable (" + error + ")",
        { } ex => "unreachable (" + ex.GetType().Name + ")",
        null when outcome.Result!.Status == HttpStatusCode.TooManyRequests => "busy (HTTP 429)",
        null => string.Create(CultureInfo.InvariantCulture, $"failed (HTTP {(int)outcome.Result!.Status})"),
    };

    private static string SocketProblem(System.Net.Sockets.SocketError error) => error switch
    {
        System.Net.Sockets.SocketError.ConnectionRefused => "connection refused",
        System.Net.Sockets.SocketError.ConnectionReset => "connection reset",
        System.Net.Sockets.SocketError.HostNotFound => "host not found",
        System.Net.Sockets.SocketError.TimedOut => "connect timed out",
        _ => error.ToString(),
    };

    private static string DescribeOutcome(Outcome<MlflowResponse> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "timed out",
        { } ex => ex.GetType().Name,
        null => ((int)outcome.Result!.Status).ToString(CultureInfo.InvariantCulture),
    };
}
