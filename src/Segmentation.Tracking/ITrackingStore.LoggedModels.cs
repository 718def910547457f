using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking;

/// <summary>MLflow 3 logged models: created per model, metrics linked to them, finalized, recorded as run outputs, with their own artifacts.</summary>
/// <remarks>
/// Only a store whose <see cref="SupportsLoggedModelsAsync"/> is true records them (an MLflow 3 server, a database with the
/// <c>logged_models</c> tables); the others throw <see cref="Errors.MlflowException"/> for every member here except that one,
/// and callers keep MLflow 2's path (<see cref="LogModelAsync"/>, run artifact sources).
/// </remarks>
public partial interface ITrackingStore
{
    /// <summary>Whether this store records MLflow 3 logged models: the one place callers ask which model path to take.</summary>
    Task<bool> SupportsLoggedModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a PENDING logged model with its own artifact folder (<see cref="LoggedModel.ArtifactUri"/>).</summary>
    Task<LoggedModel> CreateLoggedModelAsync(CreateLoggedModelRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns a logged model with its params, tags and metrics; a missing or deleted one is <see cref="Errors.ResourceNotFoundException"/>.</summary>
    Task<LoggedModel> GetLoggedModelAsync(string modelId, CancellationToken cancellationToken = default);

    /// <summary>Lists the active logged models of the experiments, newest first, following page tokens to the end.</summary>
    Task<IReadOnlyList<LoggedModel>> SearchLoggedModelsAsync(IReadOnlyList<string> experimentIds, CancellationToken cancellationToken = default);

    /// <summary>Sets the model's final status (READY after its upload, UPLOAD_FAILED after a failed one) and returns it.</summary>
    Task<LoggedModel> FinalizeLoggedModelAsync(string modelId, LoggedModelStatus status, CancellationToken cancellationToken = default);

    /// <summary>
    /// Logs metrics on the run linked to the model (<c>runs/log-batch</c> with <c>model_id</c> and the dataset they were measured
    /// on, v3 fixture 100): they are run metrics as usual and also the model's, which the Models tab shows. Params and tags
    /// given go in the same log-batch (one request for a trial's whole record).
    /// </summary>
    Task LogLoggedModelMetricsAsync(
        string runId, string modelId, IReadOnlyList<Metric> metrics, string? datasetName = null, string? datasetDigest = null,
        IReadOnlyList<Param>? parameters = null, IReadOnlyList<RunTag>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Records the model as an output of the run at <paramref name="step"/> (<c>runs/outputs</c>); a second time is refused, as by MLflow (v3 fixture 124).</summary>
    Task LogModelOutputAsync(string runId, string modelId, long step = 0, CancellationToken cancellationToken = default);

    /// <summary>Uploads one file into the logged model's artifact folder (path relative to it, e.g. <c>MLmodel</c>).</summary>
    Task UploadLoggedModelArtifactContentAsync(string modelId, string artifactFilePath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Lists the direct children of a folder of the logged model's artifacts (null = its root); paths relative to that root.</summary>
    Task<IReadOnlyList<ArtifactFile>> ListLoggedModelArtifactsAsync(string modelId, string? path = null, CancellationToken cancellationToken = default);

    /// <summary>Downloads one file of the logged model's artifacts to <paramref name="localDestination"/>; missing → ResourceNotFoundException.</summary>
    Task DownloadLoggedModelArtifactAsync(string modelId, string path, string localDestination, CancellationToken cancellationToken = default);
}
