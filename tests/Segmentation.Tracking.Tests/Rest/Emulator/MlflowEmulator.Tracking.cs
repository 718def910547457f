using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>Experiments, runs and logging endpoints.</summary>
public sealed partial class MlflowEmulator
{
    private void MapTracking()
    {
        Map("POST", "experiments/create", CreateExperimentAsync);
        Map("GET", "experiments/get-by-name", async r =>
        {
            var name = r.Required("experiment_name");
            var experiment = await Store.GetExperimentByNameAsync(name)
                ?? throw new ResourceNotFoundException($"Could not find experiment with name '{name}'");
            return EmulatorResponse.Json(new JsonObject { ["experiment"] = MlflowEmulatorJson.Experiment(experiment, ToProxyUri) });
        });
        Map("GET", "experiments/get", async r =>
            EmulatorResponse.Json(new JsonObject { ["experiment"] = MlflowEmulatorJson.Experiment(await Store.GetExperimentAsync(r.Required("experiment_id")), ToProxyUri) }));
        Map("POST", "experiments/set-experiment-tag", async r =>
        {
            await Store.SetExperimentTagAsync(r.Required("experiment_id"), r.Required("key"), r.Get("value") ?? string.Empty);
            return EmptyJson();
        });
        Map("POST", "runs/create", CreateRunAsync);
        Map("POST", "runs/update", async r =>
        {
            var status = RunStatusNames.Parse(r.Get("status") ?? "RUNNING");
            var info = await Store.UpdateRunAsync(RunId(r), status, r.Int64("end_time"), r.Get("run_name"));
            return EmulatorResponse.Json(new JsonObject { ["run_info"] = MlflowEmulatorJson.RunInfo(info, ToProxyUri) });
        });
        Map("GET", "runs/get", async r =>
            EmulatorResponse.Json(new JsonObject { ["run"] = MlflowEmulatorJson.Run(await Store.GetRunAsync(RunId(r)), ToProxyUri, withInputs: true, withOutputs: IsMlflow3) }));
        Map("POST", "runs/search", SearchRunsAsync);
        Map("POST", "runs/log-batch", LogBatchAsync);
        Map("POST", "runs/log-metric", async r =>
        {
            await Store.LogBatchAsync(RunId(r), metrics: [new Metric(r.Required("key"), ParseDouble(r.Body, "value"), r.Int64("timestamp") ?? 0, r.Int64("step") ?? 0)]);
            return EmptyJson();
        });
        Map("POST", "runs/log-parameter", async r =>
        {
            await Store.LogBatchAsync(RunId(r), parameters: [new Param(r.Required("key"), Truncate(r.Get("value") ?? string.Empty))]);
            return EmptyJson();
        });
        Map("POST", "runs/set-tag", async r =>
        {
            await Store.SetTagAsync(RunId(r), r.Required("key"), r.Get("value") ?? string.Empty);
            return EmptyJson();
        });
        Map("POST", "runs/log-model", async r =>
        {
            await Store.LogModelAsync(RunId(r), r.Required("model_json"));
            return EmptyJson();
        });
        Map("POST", "runs/log-inputs", async r =>
        {
            var inputs = r.Items("datasets").Select(ReadDatasetInput).ToArray();
            await Store.LogInputsAsync(RunId(r), inputs);
            return EmptyJson();
        });
        Map("GET", "metrics/get-history", GetMetricHistoryAsync);
        // Both generations answer the bare version string as text/html (v3 fixture 155 and its note).
        Map("GET", "/version", _ => Task.FromResult(new EmulatorResponse(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(IsMlflow3 ? "3.11.2.dev0" : "2.17.2"))));
    }

    private async Task<EmulatorResponse> GetMetricHistoryAsync(EmulatorRequest r)
    {
        var history = await Store.GetMetricHistoryAsync(RunId(r), r.Required("metric_key"));
        var json = new JsonObject();
        if (!IsMlflow3)
        {
            // MLflow 2.17 ignores max_results and page_token: every point, never a token (v3 fixtures 74-78, their 2.17.2 notes).
            MlflowEmulatorJson.AddList(json, "metrics", new JsonArray(history.Select(m => (JsonNode?)Tracking.Rest.MlflowJsonWriter.Metric(m)).ToArray()));
            return EmulatorResponse.Json(json);
        }

        // MLflow 3: offset pages of max_results points ordered by (timestamp, step, value); max_results defaults to 0,
        // which returns no points and a token for offset 0 - a token it then refuses (v3 fixtures 29, 74, 75-77).
        var token = r.Get("page_token");
        var offset = PageOffset(token);
        if (token is not null && offset == 0)
        {
            return EmulatorResponse.Error(400, ErrorCodes.InvalidParameterValue, "Invalid page token, parsed value={'offset': 0}");
        }

        var size = (int)(r.Int64("max_results") ?? 0);
        var ordered = history.OrderBy(m => m.TimestampMs).ThenBy(m => m.Step).ThenBy(m => m.Value).ToList();
        var page = ordered.Skip((int)offset).Take(size).ToList();
        MlflowEmulatorJson.AddList(json, "metrics", new JsonArray(page.Select(m => (JsonNode?)Tracking.Rest.MlflowJsonWriter.Metric(m)).ToArray()));
        if (size == 0 || offset + page.Count < ordered.Count)
        {
            json["next_page_token"] = OffsetToken(offset + page.Count);
        }

        return EmulatorResponse.Json(json);
    }

    private async Task<EmulatorResponse> CreateExperimentAsync(EmulatorRequest r)
    {
        var name = r.Required("name");
        await _createLock.WaitAsync();
        try
        {
            if (await Store.GetExperimentByNameAsync(name) is not null)
            {
                return EmulatorResponse.Error(400, ErrorCodes.ResourceAlreadyExists, $"Experiment(name={name}) already exists. Error: UNIQUE constraint failed: experiments.name");
            }

            var tags = r.KeyValues("tags").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var experiment = await Store.GetOrCreateExperimentAsync(name, tags);
            return EmulatorResponse.Json(new JsonObject { ["experiment_id"] = experiment.ExperimentId });
        }
        finally
        {
            _createLock.Release();
        }
    }

    private async Task<EmulatorResponse> CreateRunAsync(EmulatorRequest r)
    {
        var experimentId = r.Get("experiment_id");
        if (string.IsNullOrEmpty(experimentId))
        {
            // MLflow 2.17 uses no default experiment here: the insert fails on the foreign key (fixture 69).
            return EmulatorResponse.Error(400, ErrorCodes.BadRequest, "(sqlite3.IntegrityError) FOREIGN KEY constraint failed");
        }

        var tags = r.KeyValues("tags").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var name = r.Get("run_name") ?? tags.GetValueOrDefault("mlflow.runName");
        var parent = tags.GetValueOrDefault("mlflow.parentRunId");
        tags.Remove("mlflow.parentRunId");
        var run = await Store.CreateRunAsync(new CreateRunRequest(experimentId, name, r.Int64("start_time") ?? 0, tags, parent, r.Get("user_id")));
        return EmulatorResponse.Json(new JsonObject { ["run"] = MlflowEmulatorJson.Run(run, ToProxyUri, withInputs: false) });
    }

    private async Task<EmulatorResponse> SearchRunsAsync(EmulatorRequest r)
    {
        var maxResults = r.Int64("max_results") ?? 1000;
        if (maxResults is <= 0 or > 50_000)
        {
            return EmulatorResponse.Error(400, ErrorCodes.InvalidParameterValue, $"Invalid value {maxResults} for parameter 'max_results' supplied. It must be at most 50000.");
        }

        var viewType = r.Get("run_view_type") switch
        {
            "DELETED_ONLY" => ViewType.DeletedOnly,
            "ALL" => ViewType.All,
            _ => ViewType.ActiveOnly,
        };
        var request = new RunSearchRequest(r.List("experiment_ids"), r.Get("filter"), r.List("order_by"), null, viewType);
        var json = new JsonObject();
        if (IsMlflow3)
        {
            // MLflow 3 reads one run more than asked and gives a token only when that run exists (v3 fixtures 25, 85).
            var probe = await Store.SearchRunsPageAsync(request, (int)maxResults + 1, r.Get("page_token"));
            var runs = probe.Runs.Take((int)maxResults).ToList();
            MlflowEmulatorJson.AddList(json, "runs", new JsonArray(runs.Select(run => (JsonNode?)MlflowEmulatorJson.Run(run, ToProxyUri, withInputs: true)).ToArray()));
            if (probe.Runs.Count > maxResults)
            {
                json["next_page_token"] = OffsetToken(PageOffset(r.Get("page_token")) + maxResults);
            }

            return EmulatorResponse.Json(json);
        }

        var page = await Store.SearchRunsPageAsync(request, (int)maxResults, r.Get("page_token"));
        MlflowEmulatorJson.AddList(json, "runs", new JsonArray(page.Runs.Select(run => (JsonNode?)MlflowEmulatorJson.Run(run, ToProxyUri, withInputs: true)).ToArray()));
        if (page.NextPageToken is not null)
        {
            json["next_page_token"] = page.NextPageToken;
        }
        else if (page.Runs.Count == maxResults && !IsMlflow3)
        {
            // MLflow 2.17 hands out a token whenever a page is full, even when nothing follows (fixtures 25, 26); 3.x does not (v3 25, 85).
            json["next_page_token"] = OffsetToken(PageOffset(r.Get("page_token")) + page.Runs.Count);
        }

        return EmulatorResponse.Json(json);
    }

    private async Task<EmulatorResponse> LogBatchAsync(EmulatorRequest r)
    {
        var metrics = r.Items("metrics").ToArray();
        var parameters = r.KeyValues("params");
        var tags = r.KeyValues("tags");

        // MLflow's per-request limits, checked before anything is written (fixture 09).
        if (parameters.Count > 100 || tags.Count > 100 || metrics.Length > 1000 || metrics.Length + parameters.Count + tags.Count > 1000)
        {
            return EmulatorResponse.Error(400, ErrorCodes.InvalidParameterValue, string.Create(CultureInfo.InvariantCulture,
                $"A batch logging request can contain at most 1000 metrics, 100 params, 100 tags and 1000 entities in total. Got {metrics.Length} metrics, {parameters.Count} params and {tags.Count} tags. Please split up the data across multiple requests and try again."));
        }

        // MLflow 3 also links metrics sent with model_id to that logged model (v3 fixture 100); MLflow 2 ignores the field.
        var linked = IsMlflow3 ? metrics.Where(m => m.TryGetProperty("model_id", out _)).ToArray() : [];
        foreach (var group in linked.GroupBy(m => (Model: m.GetProperty("model_id").GetString()!, Name: OptionalText(m, "dataset_name"), Digest: OptionalText(m, "dataset_digest"))))
        {
            await Store.LogLoggedModelMetricsAsync(RunId(r), group.Key.Model, group.Select(ReadMetric).ToArray(), group.Key.Name, group.Key.Digest);
        }

        await Store.LogBatchAsync(
            RunId(r),
            metrics.Except(linked).Select(ReadMetric).ToArray(),
            parameters.Select(p => new Param(p.Key, Truncate(p.Value))).ToArray(),
            tags.Select(t => new RunTag(t.Key, t.Value)).ToArray());
        return EmptyJson();
    }

    private static string? OptionalText(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Metric ReadMetric(JsonElement m)
    {
        var key = m.GetProperty("key").GetString()!;
        if (!TryDouble(m, "value", out var value))
        {
            // MLflow 2.17 keeps the partially parsed protobuf message: the value and everything after it are zero (fixtures 71, 72).
            return new Metric(key, 0, 0, 0);
        }

        return new Metric(key, value, Long(m, "timestamp"), Long(m, "step"));
    }

    private static double ParseDouble(JsonElement body, string name) => TryDouble(body, name, out var value) ? value : 0;

    private static bool TryDouble(JsonElement e, string name, out double value)
    {
        value = 0;
        if (!e.TryGetProperty(name, out var v))
        {
            return true;
        }

        if (v.ValueKind == JsonValueKind.Number)
        {
            value = v.GetDouble();
            return true;
        }

        switch (v.ValueKind == JsonValueKind.String ? v.GetString() : null)
        {
            case "NaN": value = double.NaN; return true;
            case "Infinity": value = double.PositiveInfinity; return true;
            case "-Infinity": value = double.NegativeInfinity; return true;
            default: return false;
        }
    }

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? long.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetInt64() : 0;

    private static DatasetInput ReadDatasetInput(JsonElement e)
    {
        var d = e.GetProperty("dataset");
        string? Text(string name) => d.TryGetProperty(name, out var v) ? v.GetString() : null;
        var tags = e.TryGetProperty("tags", out var t)
            ? t.EnumerateArray().ToDictionary(x => x.GetProperty("key").GetString()!, x => x.GetProperty("value").GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>();
        return new DatasetInput(new Dataset(Text("name") ?? string.Empty, Text("digest") ?? string.Empty, Text("source_type") ?? string.Empty, Text("source") ?? string.Empty, Text("schema"), Text("profile")), tags);
    }

    // MLflow 2.17 with MLFLOW_TRUNCATE_LONG_VALUES=true (its default) cuts param values to 6000 characters (fixtures 10-12).
    private static string Truncate(string value) => value.Length > 6000 ? value[..6000] : value;

    private static string RunId(EmulatorRequest r) => r.Get("run_id") ?? r.Required("run_uuid");

    private static EmulatorResponse EmptyJson() => new(200, "application/json", Encoding.UTF8.GetBytes("{}"));
}
