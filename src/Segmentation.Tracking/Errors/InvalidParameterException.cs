namespace Segmentation.Tracking.Errors;

/// <summary>A request was refused because a parameter is invalid (bad key, filter, changed param value…).</summary>
public sealed class InvalidParameterException : MlflowException
{
    public InvalidParameterException()
        : this("MLflow request failed")
    {
    }

    public InvalidParameterException(string message)
        : base(ErrorCodes.InvalidParameterValue, message)
    {
    }

    public InvalidParameterException(string message, Exception innerException)
        : base(ErrorCodes.InvalidParameterValue, message, null, innerException)
    {
    }

    public InvalidParameterException(string message, int? httpStatus, Exception? innerException = null)
        : base(ErrorCodes.InvalidParameterValue, message, httpStatus, innerException)
    {
    }
}
