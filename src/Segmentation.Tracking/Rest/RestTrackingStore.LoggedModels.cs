using System.Text.Json.Nodes;
using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Rest;

/// <summary>MLflow 3 logged models: <c>logged-models</c> create/get/search/finalize, <c>runs/outputs</c>, metrics with <c>model_id</c>, their artifacts.</summary>
public sealed partial class RestTrackingStore
{
    private const string LoggedModelsEndpoint = "/api/2.0/mlflow/logged-models";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _loggedModelRoots = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>
    /// Only a server that says it is MLflow 3 (<c>GET /version</c>): 2.17.2 answers every logged-models path with an HTML 404
    /// (v3 fixture 92's note), and an unknown server keeps MLflow 2's path, which 3.x accepts too (fixtures 147, 148).
    /// </remarks>
    public async Task<bool> SupportsLoggedModelsAsync(CancellationToken cancellationToken = default) =>
        await GetServerGenerationAsync(cancellationToken).ConfigureAwait(false) == MlflowServerGeneration.Mlflow3;

    /// <inheritdoc />
    public async Task<LoggedModel> CreateLoggedModelAsync(CreateLoggedModelRequest request, CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateLoggedModel(request);
        var body = new JsonObject { ["experiment_id"] = request.ExperimentId, ["name"] = request.Name };
        if (request.ModelType is not null)
        {
            body["model_type"] = request.ModelType;
        }

        if (!string.IsNullOrEmpty(request.SourceRunId))
        {
            body["source_run_id"] = request.SourceRunId;
        }

        if (request.Params is { Count: > 0 })
        {
            body["params"] = MlflowJsonWriter.KeyValues(request.Params);
        }

        if (request.Tags is { Count: > 0 })
        {
            body["tags"] = MlflowJsonWriter.KeyValues(request.Tags);
        }

        var json = await _client.PostJsonAsync(LoggedModelsEndpoint, body, cancellationToken).ConfigureAwait(false);
        return RememberModel(ReadModel(json, "logged-models create"));
    }

    /// <inheritdoc />
    public async Task<LoggedModel> GetLoggedModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateLoggedModelId(modelId);
        var json = await _client.GetJsonAsync(LoggedModelsEndpoint + "/" + modelId, query: null, cancellationToken).ConfigureAwait(false);
        return RememberModel(ReadModel(json, "logged-models get"));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LoggedModel>> SearchLoggedModelsAsync(IReadOnlyList<string> experimentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experimentIds);
        if (experimentIds.Count == 0)
        {
            throw new ArgumentException("logged model search needs at least one experiment id", nameof(experimentIds));
        }

        var models = new List<LoggedModel>();
        string? pageToken = null;
        do
        {
            var body = new JsonObject { ["experiment_ids"] = new JsonArray(experimentIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()) };
            if (pageToken is not null)
            {
                // The token embeds the whole query (v3 fixtures 109, 110), so the body stays the same otherwise.
                body["page_token"] = pageToken;
            }

            var json = await _client.PostJsonAsync(LoggedModelsEndpoint + "/search", body, cancellationToken).ConfigureAwait(false);
            models.AddRange(MlflowJsonReader.Items(json, "models").Select(m => RememberModel(MlflowJsonReader.ReadLoggedModel(m))));
            pageToken = MlflowJsonReader.OptionalString(json, "next_page_token");
        }
        while (!string.IsNullOrEmpty(pageToken));

        return models;
    }

    /// <inheritdoc />
    public async Task<LoggedModel> FinalizeLoggedModelAsync(string modelId, LoggedModelStatus status, CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateLoggedModelId(modelId);
        // The enum name, as MLflow's client sends it (fixtures 101, 186); a short name like "READY" is refused (107).
        var body = new JsonObject { ["model_id"] = modelId, ["status"] = LoggedModelStatusNames.ToMlflow(status) };
        var json = await _client.PatchJsonAsync(LoggedModelsEndpoint + "/" + modelId, body, cancellationToken).ConfigureAwait(false);
        return RememberModel(ReadModel(json, "logged-models finalize"));
    }

    /// <inheritdoc />
    public Task LogLoggedModelMetricsAsync(
        string runId, string modelId, IReadOnlyList<Metric> metrics, string? datasetName = null, string? datasetDigest = null,
        IReadOnlyList<Param>? parameters = null, IReadOnlyList<RunTag>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        TrackingValidation.ValidateLoggedModelId(modelId);
        TrackingValidation.ValidateDatasetReference(datasetName, datasetDigest);
        return PostBatchesAsync(runId, metrics, parameters, tags, m => MlflowJsonWriter.ModelMetric(m, modelId, datasetName, datasetDigest), cancellationToken);
    }

    /// <inheritdoc />
    public async Task LogModelOutputAsync(string runId, string modelId, long step = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        TrackingValidation.ValidateLoggedModelId(modelId);
        var body = new JsonObject
        {
            ["run_id"] = runId,
            ["models"] = new JsonArray(new JsonObject { ["model_id"] = modelId, ["step"] = step }),
        };
        await _client.PostJsonAsync("/api/2.0/mlflow/runs/outputs", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UploadLoggedModelArtifactContentAsync(string modelId, string artifactFilePath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var relative = ArtifactPaths.NormaliseFile(artifactFilePath, nameof(artifactFilePath));
        var root = await ModelProxyRootAsync(modelId, cancellationToken).ConfigureAwait(false);
        await _client.PutBytesAsync(MlflowArtifactPaths.FilePath(root, relative), content, MlflowArtifactPaths.ContentTypeFor(relative), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArtifactFile>> ListLoggedModelArtifactsAsync(string modelId, string? path = null, CancellationToken cancellationToken = default)
    {
        var folder = MlflowArtifactPaths.NormaliseRelative(path, nameof(path));
        var root = await ModelProxyRootAsync(modelId, cancellationToken).ConfigureAwait(false);
        // The proxy listing of the model's folder (v3 fixture 97), relative to the folder asked for, as for runs.
        var json = await _client.GetJsonAsync(MlflowArtifactPaths.ProxyEndpoint, [Q("path", MlflowArtifactPaths.Join(root, folder))], cancellationToken).ConfigureAwait(false);
        return MlflowJsonReader.Items(json, "files")
            .Select(f => MlflowJsonReader.ReadArtifactFile(f, folder))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToArray();
    }

    /// <inheritdoc />
    public async Task DownloadLoggedModelArtifactAsync(string modelId, string path, string localDestination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localDestination);
        var relative = MlflowArtifactPaths.NormaliseRelative(path, nameof(path));
        if (relative.Length == 0)
        {
            throw new InvalidParameterException("artifact path to download must name a file, not the logged model's root folder");
        }

        var root = await ModelProxyRootAsync(modelId, cancellationToken).ConfigureAwait(false);
        var bytes = await _client.GetBytesAsync(MlflowArtifactPaths.FilePath(root, relative), query: null, cancellationToken).ConfigureAwait(false);
        await SaveDownloadAsync(localDestination, bytes, cancellationToken).ConfigureAwait(false);
    }

    private static LoggedModel ReadModel(System.Text.Json.JsonElement json, string endpoint) =>
        MlflowJsonReader.ReadLoggedModel(MlflowJsonReader.Required(json, "model", endpoint + " response"));

    private LoggedModel RememberModel(LoggedModel model)
    {
        if (!string.IsNullOrEmpty(model.ArtifactUri))
        {
            _loggedModelRoots[model.ModelId] = model.ArtifactUri;
        }

        return model;
    }

    private async Task<string> ModelProxyRootAsync(string modelId, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateLoggedModelId(modelId);
        if (!_loggedModelRoots.TryGetValue(modelId, out var uri))
        {
            uri = (await GetLoggedModelAsync(modelId, cancellationToken).ConfigureAwait(false)).ArtifactUri;
        }

        return MlflowArtifactPaths.ToProxyRoot(uri);
    }
}
