namespace Segmentation.Tracking.Rest;

/// <summary>Which MLflow generation a tracking server is, as far as this client behaves differently for it.</summary>
public enum MlflowServerGeneration
{
    /// <summary><c>GET /version</c> gave no MLflow version (a proxy in front, an old server); the requests that work on both generations are used.</summary>
    Unknown,

    /// <summary>MLflow 2.x (2.17.2 recorded).</summary>
    Mlflow2,

    /// <summary>MLflow 3.x or later (3.11 recorded): metric history is paged and needs <c>max_results</c>.</summary>
    Mlflow3,
}
