using Segmentation.Tracking.Errors;

namespace Segmentation.Serving.Models;

/// <summary>A model reference that does not resolve: no such registered model, alias, version, stage or run model.</summary>
public sealed class ModelReferenceException : MlflowException
{
    public ModelReferenceException()
        : this("the model reference does not resolve")
    {
    }

    public ModelReferenceException(string message)
        : base(ErrorCodes.ResourceDoesNotExist, message)
    {
    }

    public ModelReferenceException(string message, Exception innerException)
        : base(ErrorCodes.ResourceDoesNotExist, message, null, innerException)
    {
    }
}
