using Segmentation.Core.Errors;

namespace Segmentation.Tracking.Errors;

/// <summary>The tracking server could not be reached (connection refused, DNS, TLS, timeouts, or 429/502/503/504 after every retry).</summary>
public sealed class TrackingUnreachableException : MlflowException
{
    public TrackingUnreachableException()
        : this("the MLflow tracking server could not be reached")
    {
    }

    public TrackingUnreachableException(string message)
        : base(ErrorCodes.Unreachable, message)
    {
    }

    public TrackingUnreachableException(string message, Exception innerException)
        : base(ErrorCodes.Unreachable, message, null, innerException)
    {
    }

    /// <summary>The server kept answering <paramref name="httpStatus"/> (429, 502, 503, 504) until the retries ran out.</summary>
    public TrackingUnreachableException(string message, int httpStatus)
        : base(ErrorCodes.Unreachable, message, httpStatus)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.TrackingUnreachable;
}
