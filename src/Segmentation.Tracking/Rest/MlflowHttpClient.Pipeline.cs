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
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(ChooseDelay(options, args.AttemptNumber, args.Outcome, random)),
                OnRetry = args =>
                {
                    _log?.Invoke(string.Create(
                        CultureInfo.InvariantCulture,
                        $"MLflow {args.Context.Properties.GetValue(OperationKey, "request")} attempt {args.AttemptNumber + 1} failed ({DescribeOutcome(args.Outcome)}); retrying in {args.RetryDelay.TotalSeconds:0.###} s."));
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
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.RequestTimeout });
        return builder.Build();
    }

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
            return false;
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

    private static string DescribeOutcome(Outcome<MlflowResponse> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "timed out",
        { } ex => ex.GetType().Name,
        null => ((int)outcome.Result!.Status).ToString(CultureInfo.InvariantCulture),
    };
}
