namespace Segmentation.Tracking.Errors;

/// <summary>MLflow's error code strings (<c>databricks.proto</c> ErrorCode names).</summary>
public static class ErrorCodes
{
    /// <summary>An entity does not exist.</summary>
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";

    /// <summary>An entity with that key exists already.</summary>
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";

    /// <summary>A request parameter is invalid.</summary>
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";

    /// <summary>The request is malformed.</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>The server failed.</summary>
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>The backend is busy or temporarily down; retrying later may succeed.</summary>
    public const string TemporarilyUnavailable = "TEMPORARILY_UNAVAILABLE";

    /// <summary>Stored state this tool cannot use (another schema revision, a model folder it did not write).</summary>
    public const string InvalidState = "INVALID_STATE";

    /// <summary>The server could not be reached (client-side code, not one MLflow sends).</summary>
    public const string Unreachable = TemporarilyUnavailable;
}
