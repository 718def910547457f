using Segmentation.Core.Errors;

namespace Segmentation.Tracking.Errors;

/// <summary>A failure reported by (or on the way to) a tracking backend, with MLflow's error code.</summary>
/// <remarks>Messages never contain credentials: callers must not put tokens or passwords in them.</remarks>
public class MlflowException : SegmentationException
{
    public MlflowException()
        : this(ErrorCodes.InternalError, "MLflow request failed")
    {
    }

    public MlflowException(string message)
        : this(ErrorCodes.InternalError, message)
    {
    }

    public MlflowException(string message, Exception innerException)
        : this(ErrorCodes.InternalError, message, null, innerException)
    {
    }

    public MlflowException(string errorCode, string message, int? httpStatus = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        HttpStatus = httpStatus;
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Tracking;

    /// <summary>MLflow's error code, e.g. <c>RESOURCE_DOES_NOT_EXIST</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status when the error came from a server; null for the local store.</summary>
    public int? HttpStatus { get; }
}
