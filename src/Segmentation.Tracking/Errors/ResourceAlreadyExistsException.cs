namespace Segmentation.Tracking.Errors;

/// <summary>An entity with the same unique key exists already.</summary>
public sealed class ResourceAlreadyExistsException : MlflowException
{
    public ResourceAlreadyExistsException()
        : this("MLflow request failed")
    {
    }

    public ResourceAlreadyExistsException(string message)
        : base(ErrorCodes.ResourceAlreadyExists, message)
    {
    }

    public ResourceAlreadyExistsException(string message, Exception innerException)
        : base(ErrorCodes.ResourceAlreadyExists, message, null, innerException)
    {
    }

    public ResourceAlreadyExistsException(string message, int? httpStatus, Exception? innerException = null)
        : base(ErrorCodes.ResourceAlreadyExists, message, httpStatus, innerException)
    {
    }
}
