using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking;

/// <summary>An MLflow tracking backend: experiments, runs, logging and artifacts.</summary>
/// <remarks>
/// Implemented by the local SQLite store (MLflow's own schema) and the REST client; both pass
/// the same behavioural test suite. Failures surface as <see cref="Errors.MlflowException"/> subtypes.
/// </remarks>
public partial interface ITrackingStore
{
    /// <summary>Returns the active experiment with this name, creating it (with the tags) when missing; race-safe.</summary>
    Task<Experiment> GetOrCreateExperimentAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Returns the experiment with this name, or null when there is none.</summary>
    Task<Experiment?> GetExperimentByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Returns the experiment with this id; throws <see cref="Errors.ResourceNotFoundException"/> when missing.</summary>
    Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken = default);

    /// <summary>Sets (or overwrites) one experiment tag.</summary>
    Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Creates a RUNNING run; the name goes into <c>mlflow.runName</c> and the parent into <c>mlflow.parentRunId</c>.</summary>
    Task<Run> CreateRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sets a run's status and end time (and optionally renames it); returns the updated info.</summary>
    Task<RunInfo> UpdateRunAsync(string runId, RunStatus status, long? endTimeMs, string? runName = null, CancellationToken cancellationToken = default);

    /// <summary>Returns a run with its latest metrics, params, tags and dataset inputs.</summary>
    Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Searches runs, following page tokens to the end (or to <see cref="RunSearchRequest.MaxResults"/>).</summary>
    Task<IReadOnlyList<Run>> SearchRunsAsync(RunSearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns every logged point of one metric, in step then timestamp order.</summary>
    Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default);

    /// <summary>Logs metrics, params and tags, validated client-side and chunked to MLflow's per-request limits.</summary>
    Task LogBatchAsync(string runId, IReadOnlyList<Metric>? metrics = null, IReadOnlyList<Param>? parameters = null, IReadOnlyList<RunTag>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Sets (or overwrites) one run tag.</summary>
    Task SetTagAsync(string runId, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Records dataset inputs of a run (e.g. the training dataset with <c>mlflow.data.context=training</c>).</summary>
    Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a model logged under the run's artifacts (MLflow 2.x's <c>runs/log-model</c>): appends
    /// <paramref name="modelJson"/> (the MLmodel's run_id, artifact_path, utc_time_created, model_uuid and flavors) to the
    /// run's <c>mlflow.log-model.history</c> tag, which makes MLflow's UI show the model on the run.
    /// </summary>
    Task LogModelAsync(string runId, string modelJson, CancellationToken cancellationToken = default);

    /// <summary>Uploads one local file into the run's artifacts under <paramref name="artifactPath"/> (a folder; null = root).</summary>
    Task UploadArtifactAsync(string runId, string localFile, string? artifactPath = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads in-memory content as one artifact file, e.g. <c>model/MLmodel</c> (relative to the run's artifact root; no temp file).</summary>
    /// <remarks>Named apart from the file upload so a <c>null</c> folder argument there stays unambiguous.</remarks>
    /// <exception cref="Errors.InvalidParameterException">The path is empty, absolute or contains <c>..</c>.</exception>
    Task UploadArtifactContentAsync(string runId, string artifactFilePath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Uploads a local folder recursively into the run's artifacts under <paramref name="artifactPath"/> (null = root).</summary>
    Task UploadArtifactsAsync(string runId, string localDirectory, string? artifactPath = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the direct children of an artifact folder of a run (null = root); paths are relative to the run root.</summary>
    Task<IReadOnlyList<ArtifactFile>> ListArtifactsAsync(string runId, string? path = null, CancellationToken cancellationToken = default);

    /// <summary>Downloads one artifact file to <paramref name="localDestination"/> (a file path); missing → ResourceNotFoundException.</summary>
    Task DownloadArtifactAsync(string runId, string path, string localDestination, CancellationToken cancellationToken = default);
}
