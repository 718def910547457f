namespace Segmentation.Tracking.Errors;

/// <summary>A local store database this tool cannot use: another alembic revision, or not an MLflow database.</summary>
public sealed class TrackingStoreSchemaException : MlflowException
{
    public TrackingStoreSchemaException()
        : this("the tracking database has an unsupported schema")
    {
    }

    public TrackingStoreSchemaException(string message)
        : base(ErrorCodes.InvalidState, message)
    {
    }

    public TrackingStoreSchemaException(string message, Exception innerException)
        : base(ErrorCodes.InvalidState, message, null, innerException)
    {
    }
}
