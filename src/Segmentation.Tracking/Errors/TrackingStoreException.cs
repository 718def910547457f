namespace Segmentation.Tracking.Errors;

/// <summary>The local tracking database failed (busy, read-only, full, corrupt…); the message names the file, what happened and what to do.</summary>
/// <remarks>
/// Raised at the store boundary for every SQLite error, as MLflow's own SQL store wraps database errors in
/// <c>make_managed_session</c>: callers never see the provider's exceptions. The provider's exception is the inner one.
/// </remarks>
public sealed class TrackingStoreException : MlflowException
{
    public TrackingStoreException()
        : this("the tracking database failed")
    {
    }

    public TrackingStoreException(string message)
        : base(ErrorCodes.InternalError, message)
    {
        DatabasePath = string.Empty;
        Failure = TrackingStoreFailure.Other;
    }

    public TrackingStoreException(string message, Exception innerException)
        : base(ErrorCodes.InternalError, message, null, innerException)
    {
        DatabasePath = string.Empty;
        Failure = TrackingStoreFailure.Other;
    }

    public TrackingStoreException(string databasePath, TrackingStoreFailure failure, string message, Exception? innerException = null)
        : base(ErrorCodeFor(failure), message, null, innerException)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        DatabasePath = databasePath;
        Failure = failure;
    }

    /// <summary>The absolute path of the database file that failed; empty when unknown.</summary>
    public string DatabasePath { get; }

    /// <summary>What went wrong.</summary>
    public TrackingStoreFailure Failure { get; }

    /// <summary>Whether retrying later may succeed (another writer held the lock).</summary>
    public bool IsTransient => Failure == TrackingStoreFailure.Busy;

    // MLflow's make_managed_session reports OperationalError (a busy database among them) as TEMPORARILY_UNAVAILABLE.
    private static string ErrorCodeFor(TrackingStoreFailure failure) =>
        failure == TrackingStoreFailure.Busy ? ErrorCodes.TemporarilyUnavailable : ErrorCodes.InternalError;
}
