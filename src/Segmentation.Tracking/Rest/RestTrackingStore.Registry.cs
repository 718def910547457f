using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Rest;

/// <summary>Model registry: registered models, versions, stages, aliases, tags.</summary>
public sealed partial class RestTrackingStore
{
    /// <summary>Delay between polls while a model version is PENDING_REGISTRATION.</summary>
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public async Task<RegisteredModel> CreateRegisteredModelAsync(string name, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ValidateRegistryTags(tags);
        ValidateDescription(description);
        var body = new JsonObject { ["name"] = name };
        if (tags is { Count: > 0 })
        {
            body["tags"] = MlflowJsonWriter.KeyValues(tags);
        }

        if (description is not null)
        {
            body["description"] = description;
        }

        try
        {
            var json = await _client.PostJsonAsync("/api/2.0/mlflow/registered-models/create", body, cancellationToken).ConfigureAwait(false);
            return MlflowJsonReader.ReadRegisteredModel(MlflowJsonReader.Required(json, "registered_model", "registered-models/create response"));
        }
        catch (ResourceAlreadyExistsException)
        {
            return await GetRegisteredModelAsync(name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var json = await _client.GetJsonAsync("/api/2.0/mlflow/registered-models/get", [Q("name", name)], cancellationToken).ConfigureAwait(false);
        return MlflowJsonReader.ReadRegisteredModel(MlflowJsonReader.Required(json, "registered_model", "registered-models/get response"));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RegisteredModel>> SearchRegisteredModelsAsync(string? filter = null, CancellationToken cancellationToken = default)
    {
        var items = await SearchPagesAsync("/api/2.0/mlflow/registered-models/search", "registered_models", filter, cancellationToken).ConfigureAwait(false);
        return items.Select(MlflowJsonReader.ReadRegisteredModel).ToArray();
    }

    /// <inheritdoc />
    public Task<ModelVersion> CreateModelVersionAsync(string name, string source, string? runId, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return PostCreateVersionAsync(name, source, runId, null, description, tags, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The request MLflow 3's client sends (v3 fixtures 126, 199); the server tags the model with the version itself (129), so no
    /// <c>logged-models/{id}/tags</c> call follows. A 2.17.2 server refuses the source with a 500 (126's note): ask
    /// <see cref="SupportsLoggedModelsAsync"/> first.
    /// </remarks>
    public Task<ModelVersion> CreateModelVersionFromLoggedModelAsync(string name, string modelId, string? runId, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateLoggedModelId(modelId);
        return PostCreateVersionAsync(name, LoggedModels.LoggedModelUri.For(modelId), runId, modelId, description, tags, cancellationToken);
    }

    // model-versions/create as MLflow's client sends it: name, source, run_id when known, model_id for a logged model (3.x).
    private async Task<ModelVersion> PostCreateVersionAsync(
        string name, string source, string? runId, string? modelId, string? description, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ValidateRegistryTags(tags);
        ValidateDescription(description);
        var body = new JsonObject { ["name"] = name, ["source"] = source };
        if (!string.IsNullOrEmpty(runId))
        {
            body["run_id"] = runId;
        }

        if (modelId is not null)
        {
            body["model_id"] = modelId;
        }

        // Every attempt carries the same request id, so a re-send after a lost response first looks for the version the
        // server already made (issue 11: 3 of 8 promotions at 30 % faults left an orphan version) instead of making another.
        var requestId = Guid.NewGuid().ToString("N");
        var sent = new Dictionary<string, string>(tags ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [ClientRequestIdTag] = requestId };
        body["tags"] = MlflowJsonWriter.KeyValues(sent);

        if (description is not null)
        {
            body["description"] = description;
        }

        var json = await _client.PostJsonOnceAsync(
            "/api/2.0/mlflow/model-versions/create",
            body,
            ct => FindVersionByRequestIdAsync(name, requestId, ct),
            cancellationToken).ConfigureAwait(false);
        return ReadVersion(json, "model-versions/create");
    }

    private async Task<JsonElement?> FindVersionByRequestIdAsync(string name, string requestId, CancellationToken cancellationToken)
    {
        var filter = string.Create(CultureInfo.InvariantCulture, $"name='{name.Replace("'", "\\'", StringComparison.Ordinal)}' AND tags.`{ClientRequestIdTag}`='{requestId}'");
        var found = await SearchPagesAsync("/api/2.0/mlflow/model-versions/search", "model_versions", filter, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return null;
        }

        // Shaped like a model-versions/create response; the lowest version is the one the first attempt made.
        var first = found.OrderBy(v => MlflowJsonReader.ReadModelVersion(v).Version, VersionOrder).First();
        return JsonSerializer.SerializeToElement(new JsonObject { ["model_version"] = JsonNode.Parse(first.GetRawText()) });
    }

    /// <inheritdoc />
    public Task<ModelVersion> WaitForModelVersionReadyAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ModelVersionReadiness.WaitAsync(ct => GetModelVersionAsync(name, version, ct), name, version, timeout, ReadyPollInterval, _timeProvider, cancellationToken);

    /// <inheritdoc />
    public async Task<ModelVersion> GetModelVersionAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var json = await _client.GetJsonAsync("/api/2.0/mlflow/model-versions/get", [Q("name", name), Q("version", version)], cancellationToken).ConfigureAwait(false);
        return ReadVersion(json, "model-versions/get");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelVersion>> SearchModelVersionsAsync(string? filter = null, CancellationToken cancellationToken = default)
    {
        var items = await SearchPagesAsync("/api/2.0/mlflow/model-versions/search", "model_versions", filter, cancellationToken).ConfigureAwait(false);
        return items.Select(MlflowJsonReader.ReadModelVersion).ToArray();
    }

    /// <inheritdoc />
    public async Task<ModelVersion> TransitionModelVersionStageAsync(string name, string version, string stage, bool archiveExistingVersions, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(stage);

        // The stage goes as given: the server validates it (case-insensitively) and names the allowed values.
        var body = new JsonObject
        {
            ["name"] = name,
            ["version"] = version,
            ["stage"] = stage,
            ["archive_existing_versions"] = archiveExistingVersions,
        };
        var json = await _client.PostJsonAsync("/api/2.0/mlflow/model-versions/transition-stage", body, cancellationToken).ConfigureAwait(false);
        return ReadVersion(json, "model-versions/transition-stage");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string>? stages = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var body = new JsonObject { ["name"] = name };
        if (stages is { Count: > 0 })
        {
            body["stages"] = new JsonArray(stages.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        var json = await _client.PostJsonAsync("/api/2.0/mlflow/registered-models/get-latest-versions", body, cancellationToken).ConfigureAwait(false);
        return MlflowJsonReader.Items(json, "model_versions").Select(MlflowJsonReader.ReadModelVersion).ToArray();
    }

    /// <inheritdoc />
    public async Task SetRegisteredModelAliasAsync(string name, string alias, string version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var body = new JsonObject { ["name"] = name, ["alias"] = alias, ["version"] = version };
        await _client.PostJsonAsync("/api/2.0/mlflow/registered-models/alias", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ModelVersion?> GetModelVersionByAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        try
        {
            var json = await _client.GetJsonAsync("/api/2.0/mlflow/registered-models/alias", [Q("name", name), Q("alias", alias)], cancellationToken).ConfigureAwait(false);
            return ReadVersion(json, "registered-models/alias");
        }
        catch (InvalidParameterException ex) when (ex.Message.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            // MLflow 2.17 reports an unset alias as 400 INVALID_PARAMETER_VALUE "... alias X not found." (fixture 55), not 404.
            return null;
        }
    }

    /// <inheritdoc />
    public async Task DeleteRegisteredModelAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        var body = new JsonObject { ["name"] = name, ["alias"] = alias };
        await _client.DeleteJsonAsync("/api/2.0/mlflow/registered-models/alias", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetRegisteredModelTagAsync(string name, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        TrackingValidation.ValidateTag("registered model tag", key, value, TrackingLimits.MaxRegistryValueLength);
        var body = new JsonObject { ["name"] = name, ["key"] = key, ["value"] = value };
        await _client.PostJsonAsync("/api/2.0/mlflow/registered-models/set-tag", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetModelVersionTagAsync(string name, string version, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        TrackingValidation.ValidateTag("model version tag", key, value, TrackingLimits.MaxRegistryValueLength);
        var body = new JsonObject { ["name"] = name, ["version"] = version, ["key"] = key, ["value"] = value };
        await _client.PostJsonAsync("/api/2.0/mlflow/model-versions/set-tag", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RegisteredModel> UpdateRegisteredModelAsync(string name, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ValidateDescription(description);
        var body = new JsonObject { ["name"] = name, ["description"] = description ?? string.Empty };
        var json = await _client.PatchJsonAsync("/api/2.0/mlflow/registered-models/update", body, cancellationToken).ConfigureAwait(false);
        return MlflowJsonReader.ReadRegisteredModel(MlflowJsonReader.Required(json, "registered_model", "registered-models/update response"));
    }

    /// <inheritdoc />
    public async Task<ModelVersion> UpdateModelVersionAsync(string name, string version, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ValidateDescription(description);
        var body = new JsonObject { ["name"] = name, ["version"] = version, ["description"] = description ?? string.Empty };
        var json = await _client.PatchJsonAsync("/api/2.0/mlflow/model-versions/update", body, cancellationToken).ConfigureAwait(false);
        return ReadVersion(json, "model-versions/update");
    }

    private async Task<List<JsonElement>> SearchPagesAsync(string path, string listKey, string? filter, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? pageToken = null;
        do
        {
            var query = new List<KeyValuePair<string, string>>();
            if (!string.IsNullOrWhiteSpace(filter))
            {
                query.Add(Q("filter", filter));
            }

            query.Add(Q("max_results", RegistrySearchPageSize.ToString(CultureInfo.InvariantCulture)));
            if (pageToken is not null)
            {
                query.Add(Q("page_token", pageToken));
            }

            var json = await _client.GetJsonAsync(path, query, cancellationToken).ConfigureAwait(false);
            items.AddRange(MlflowJsonReader.Items(json, listKey));
            pageToken = MlflowJsonReader.OptionalString(json, "next_page_token");
        }
        while (!string.IsNullOrEmpty(pageToken));

        return items;
    }

    private static readonly Comparer<string> VersionOrder = Comparer<string>.Create((a, b) =>
        long.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) && long.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b));

    private static ModelVersion ReadVersion(JsonElement json, string endpoint) =>
        MlflowJsonReader.ReadModelVersion(MlflowJsonReader.Required(json, "model_version", endpoint + " response"));

    private static void ValidateRegistryTags(IReadOnlyDictionary<string, string>? tags)
    {
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            TrackingValidation.ValidateTag("registry tag", key, value, TrackingLimits.MaxRegistryValueLength);
        }
    }

    private static void ValidateDescription(string? description)
    {
        if (description is { Length: > TrackingLimits.MaxRegistryValueLength })
        {
            throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture,
                $"description is {description.Length} characters long; at most {TrackingLimits.MaxRegistryValueLength} are allowed"));
        }
    }
}
