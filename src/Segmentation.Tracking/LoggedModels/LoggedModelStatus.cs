namespace Segmentation.Tracking.LoggedModels;

/// <summary>An MLflow 3 logged model's status; the numbers are MLflow's enum values, stored as such in <c>logged_models.status</c>.</summary>
public enum LoggedModelStatus
{
    /// <summary>Created, artifacts still being uploaded (<c>LOGGED_MODEL_PENDING</c>).</summary>
    Pending = 1,

    /// <summary>Finalized with all artifacts (<c>LOGGED_MODEL_READY</c>).</summary>
    Ready = 2,

    /// <summary>Finalized after its upload failed (<c>LOGGED_MODEL_UPLOAD_FAILED</c>).</summary>
    UploadFailed = 3,
}
