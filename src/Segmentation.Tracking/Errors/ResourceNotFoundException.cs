namespace Segmentation.Tracking.Errors;

/// <summary>A requested experiment, run, model, version or artifact does not exist.</summary>
public sealed class ResourceNotFoundException : MlflowException
{
    public ResourceNotFoundException()
        : this("MLflow request failed")
    {
    }

    public ResourceNotFoundException(string message)
        : base(ErrorCodes.ResourceDoesNotExist, message)
    {
    }

    public ResourceNotFoundException(string message, Exception innerException)
        : base(ErrorCodes.ResourceDoesNotExist, message, null, innerException)
    {
    }

    public ResourceNotFoundException(string message, int? httpStatus, Exception? innerException = null)
        : base(ErrorCodes.ResourceDoesNotExist, message, httpStatus, innerException)
    {
    }
}
