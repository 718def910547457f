using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Rest;

/// <summary>Runs: create (without duplicates on retry), update, get, search with paging, log-batch, set-tag, log-inputs, metric history.</summary>
public sealed partial class RestTrackingStore
{
    /// <inheritdoc />
    public async Task<Run> CreateRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ExperimentId, nameof(request));
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in request.Tags ?? new Dictionary<string, string>())
        {
            TrackingValidation.ValidateTag(key, value);
            if (key is not MlflowTags.RunName and not MlflowTags.ParentRunId && key != ClientRequestIdTag)
            {
                tags.Add(new(key, value));
            }
        }

        // The explicit name and parent win over the same system tags given in Tags; either way they are sent once.
        var runName = !string.IsNullOrEmpty(request.RunName) ? request.RunName : request.Tags?.GetValueOrDefault(MlflowTags.RunName);
        var parentRunId = !string.IsNullOrEmpty(request.ParentRunId) ? request.ParentRunId : request.Tags?.GetValueOrDefault(MlflowTags.ParentRunId);
        if (!string.IsNullOrEmpty(runName))
        {
            tags.Add(new(MlflowTags.RunName, runName));
        }

        if (!string.IsNullOrEmpty(parentRunId))
        {
            tags.Add(new(MlflowTags.ParentRunId, parentRunId));
        }

        var requestId = Guid.NewGuid().ToString("N");
        tags.Add(new(ClientRequestIdTag, requestId));

        var body = new JsonObject
        {
            ["experiment_id"] = request.ExperimentId,
            ["start_time"] = request.StartTimeMs,
        };
        if (!string.IsNullOrEmpty(runName))
        {
            body["run_name"] = runName;
        }

        if (!string.IsNullOrEmpty(request.UserId))
        {
            body["user_id"] = request.UserId;
        }

        body["tags"] = MlflowJsonWriter.KeyValues(tags);

        var json = await _client.PostJsonOnceAsync(
            "/api/2.0/mlflow/runs/create",
            body,
            ct => FindRunByRequestIdAsync(request.ExperimentId, requestId, ct),
            cancellationToken).ConfigureAwait(false);
        var run = MlflowJsonReader.ReadRun(MlflowJsonReader.Required(json, "run", "runs/create response"));
        Remember(run.Info);
        return run;
    }

    /// <inheritdoc />
    public async Task<RunInfo> UpdateRunAsync(string runId, RunStatus status, long? endTimeMs, string? runName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var body = new JsonObject { ["run_id"] = runId, ["status"] = RunStatusNames.ToMlflow(status) };
        if (endTimeMs is { } end)
        {
            body["end_time"] = end;
        }

        if (!string.IsNullOrEmpty(runName))
        {
            body["run_name"] = runName;
        }

        var json = await _client.PostJsonAsync("/api/2.0/mlflow/runs/update", body, cancellationToken).ConfigureAwait(false);
        var info = MlflowJsonReader.ReadRunInfo(MlflowJsonReader.Required(json, "run_info", "runs/update response"));
        Remember(info);
        return info;
    }

    /// <inheritdoc />
    public async Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var json = await _client.GetJsonAsync("/api/2.0/mlflow/runs/get", [Q("run_id", runId)], cancellationToken).ConfigureAwait(false);
        var run = MlflowJsonReader.ReadRun(MlflowJsonReader.Required(json, "run", "runs/get response"));
        Remember(run.Info);
        return run;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Run>> SearchRunsAsync(RunSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ExperimentIds is null || request.ExperimentIds.Count == 0)
        {
            throw new ArgumentException("run search needs at least one experiment id", nameof(request));
        }

        if (request.MaxResults is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxResults, "MaxResults must be null (all) or non-negative");
        }

        var runs = new List<Run>();
        string? pageToken = null;
        do
        {
            var remaining = request.MaxResults is { } max ? max - runs.Count : int.MaxValue;
            if (remaining <= 0)
            {
                break;
            }

            var body = new JsonObject { ["experiment_ids"] = new JsonArray(request.ExperimentIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()) };
            if (!string.IsNullOrWhiteSpace(request.Filter))
            {
                body["filter"] = request.Filter;
            }

            body["run_view_type"] = ViewTypeName(request.ViewType);
            if (request.OrderBy is { Count: > 0 })
            {
                body["order_by"] = new JsonArray(request.OrderBy.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray());
            }

            body["max_results"] = Math.Min(remaining, SearchPageSize);
            if (pageToken is not null)
            {
                body["page_token"] = pageToken;
            }

            var json = await _client.PostJsonAsync("/api/2.0/mlflow/runs/search", body, cancellationToken).ConfigureAwait(false);
            foreach (var item in MlflowJsonReader.Items(json, "runs"))
            {
                var run = MlflowJsonReader.ReadRun(item);
                Remember(run.Info);
                runs.Add(run);
            }

            pageToken = MlflowJsonReader.OptionalString(json, "next_page_token");
        }
        while (!string.IsNullOrEmpty(pageToken));

        return runs;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        // MLflow 3 pages the history and, without max_results, returns no points but a token it then refuses (v3 fixtures 29, 74);
        // MLflow 2 ignores max_results and returns every point at once (fixture 29). Unknown servers get max_results: both accept it (v3 78).
        var paged = await GetServerGenerationAsync(cancellationToken).ConfigureAwait(false) != MlflowServerGeneration.Mlflow2;
        var points = new List<Metric>();
        string? pageToken = null;
        do
        {
            var query = new List<KeyValuePair<string, string>> { Q("run_id", runId), Q("metric_key", key) };
            if (paged)
            {
                query.Add(Q("max_results", MetricHistoryPageSize.ToString(CultureInfo.InvariantCulture)));
            }

            if (pageToken is not null)
            {
                query.Add(Q("page_token", pageToken));
            }

            var json = await _client.GetJsonAsync("/api/2.0/mlflow/metrics/get-history", query, cancellationToken).ConfigureAwait(false);
            points.AddRange(MlflowJsonReader.Items(json, "metrics").Select(MlflowJsonReader.ReadMetric));
            pageToken = MlflowJsonReader.OptionalString(json, "next_page_token");
        }
        while (!string.IsNullOrEmpty(pageToken));

        // Stable: points with equal step and timestamp keep the server's order.
        return points.OrderBy(m => m.Step).ThenBy(m => m.TimestampMs).ToArray();
    }

    /// <inheritdoc />
    public Task LogBatchAsync(string runId, IReadOnlyList<Metric>? metrics = null, IReadOnlyList<Param>? parameters = null, IReadOnlyList<RunTag>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return PostBatchesAsync(runId, metrics, parameters, tags, MlflowJsonWriter.Metric, cancellationToken);
    }

    // runs/log-batch in as few requests as MLflow's limits allow; metricJson writes each metric (plain, or linked to a logged model).
    private async Task PostBatchesAsync(
        string runId, IReadOnlyList<Metric>? metrics, IReadOnlyList<Param>? parameters, IReadOnlyList<RunTag>? tags, Func<Metric, JsonObject> metricJson, CancellationToken cancellationToken)
    {
        foreach (var chunk in TrackingValidation.ValidateAndChunk(metrics, parameters, tags))
        {
            var body = new JsonObject { ["run_id"] = runId };
            if (chunk.Metrics.Count > 0)
            {
                body["metrics"] = new JsonArray(chunk.Metrics.Select(m => (JsonNode?)metricJson(m)).ToArray());
            }

            if (chunk.Params.Count > 0)
            {
                body["params"] = MlflowJsonWriter.KeyValues(chunk.Params.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
            }

            if (chunk.Tags.Count > 0)
            {
                body["tags"] = MlflowJsonWriter.KeyValues(chunk.Tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)));
            }

            await _client.PostJsonAsync("/api/2.0/mlflow/runs/log-batch", body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task SetTagAsync(string runId, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        TrackingValidation.ValidateTag(key, value);
        var body = new JsonObject { ["run_id"] = runId, ["key"] = key, ["value"] = value };
        await _client.PostJsonAsync("/api/2.0/mlflow/runs/set-tag", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The server keeps the tag (both generations accept the call: v3 fixtures 147, 148); the JSON is checked here first.</remarks>
    public async Task LogModelAsync(string runId, string modelJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        _ = LoggedModelHistory.Append(null, modelJson);
        var body = new JsonObject { ["run_id"] = runId, ["model_json"] = modelJson };
        await _client.PostJsonAsync("/api/2.0/mlflow/runs/log-model", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            return;
        }

        foreach (var input in inputs)
        {
            TrackingValidation.ValidateDatasetInput(input);
        }

        var body = new JsonObject
        {
            ["run_id"] = runId,
            ["datasets"] = new JsonArray(inputs.Select(i => (JsonNode?)MlflowJsonWriter.DatasetInput(i)).ToArray()),
        };
        await _client.PostJsonAsync("/api/2.0/mlflow/runs/log-inputs", body, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonElement?> FindRunByRequestIdAsync(string experimentId, string requestId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["experiment_ids"] = new JsonArray(experimentId),
            ["filter"] = string.Create(CultureInfo.InvariantCulture, $"tags.`{ClientRequestIdTag}` = '{requestId}'"),
            ["run_view_type"] = "ALL",
            ["max_results"] = 1,
        };
        var json = await _client.PostJsonAsync("/api/2.0/mlflow/runs/search", body, cancellationToken).ConfigureAwait(false);
        var first = MlflowJsonReader.Items(json, "runs").FirstOrDefault();
        if (first.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // Shaped like a runs/create response so the caller cannot tell the difference.
        var wrapper = new JsonObject { ["run"] = JsonNode.Parse(first.GetRawText()) };
        return JsonSerializer.SerializeToElement(wrapper);
    }

    private void Remember(RunInfo info)
    {
        if (!string.IsNullOrEmpty(info.ArtifactUri))
        {
            _artifactRoots[info.RunId] = info.ArtifactUri;
        }
    }

    private static string ViewTypeName(ViewType viewType) => viewType switch
    {
        ViewType.ActiveOnly => "ACTIVE_ONLY",
        ViewType.DeletedOnly => "DELETED_ONLY",
        ViewType.All => "ALL",
        _ => throw new ArgumentOutOfRangeException(nameof(viewType), viewType, "unknown view type"),
    };
}
