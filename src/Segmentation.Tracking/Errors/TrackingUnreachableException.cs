using Segmentation.Core.Errors;

namespace Segmentation.Tracking.Errors;

/// <summary>The tracking server could not be reached (connection refused, DNS, TLS, timeouts after retries).</summary>
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

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.TrackingUnreachable;
}
