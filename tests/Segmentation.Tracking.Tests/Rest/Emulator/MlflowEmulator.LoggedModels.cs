using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.LoggedModels;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>MLflow 3's logged-model endpoints (create, get, finalize, search, <c>runs/outputs</c>) and registration from <c>models:/&lt;model_id&gt;</c>.</summary>
public sealed partial class MlflowEmulator
{
    private const string LoggedModelsPath = Api + "logged-models";
    private const string LoggedModelRoute = LoggedModelsPath + "/{model_id}";

    private void MapLoggedModels()
    {
        Map("POST", "logged-models", async r =>
        {
            // experiment_id is the only required field (v3 fixtures 105, 119); the server names a model without one.
            var request = new CreateLoggedModelRequest(
                r.Required("experiment_id"),
                r.Get("name") is { Length: > 0 } name ? name : "model-" + Guid.NewGuid().ToString("N")[..6],
                r.Get("source_run_id"),
                ToDictionary(r.KeyValues("params")),
                ToDictionary(r.KeyValues("tags")),
                r.Get("model_type"));
            return ModelJson(await Store.CreateLoggedModelAsync(request));
        });
        Map("GET", "logged-models/{model_id}", async r => ModelJson(await Store.GetLoggedModelAsync(ModelIdOf(r))));
        Map("PATCH", "logged-models/{model_id}", async r =>
        {
            LoggedModelStatus status;
            try
            {
                status = LoggedModelStatusNames.Parse(r.Get("status") ?? string.Empty);
            }
            catch (FormatException ex)
            {
                // An unknown enum name, e.g. "READY" (v3 fixture 107).
                throw new InvalidParameterException(ex.Message + ":  Hint: Value was of type 'str'. See the API docs for more information about request parameters.");
            }

            return ModelJson(await Store.FinalizeLoggedModelAsync(ModelIdOf(r), status));
        });
        Map("POST", "logged-models/search", async r =>
        {
            var experimentIds = r.List("experiment_ids");
            if (experimentIds.Count == 0)
            {
                throw new InvalidParameterException("Missing value for required parameter 'experiment_ids'.");
            }

            var json = new JsonObject();
            var models = await Store.SearchLoggedModelsAsync(experimentIds);
            MlflowEmulatorJson.AddList(json, "models", new JsonArray(models.Select(m => (JsonNode?)MlflowEmulatorJson.LoggedModel(m, ToProxyUri)).ToArray()));
            return EmulatorResponse.Json(json);
        });
        Map("POST", "runs/outputs", async r =>
        {
            var runId = r.Required("run_id");
            foreach (var model in r.Items("models"))
            {
                // step is declared required but omitting it is accepted as 0 (v3 fixture 125).
                var step = model.TryGetProperty("step", out var s) && s.TryGetInt64(out var n) ? n : 0;
                await Store.LogModelOutputAsync(runId, model.GetProperty("model_id").GetString()!, step);
            }

            return EmptyJson();
        });
    }

    /// <summary>The route key of a request path: logged-models/&lt;id&gt; paths share one route, every other path is its own.</summary>
    private string RouteOf(string path) =>
        IsMlflow3 && path.StartsWith(LoggedModelsPath + "/m-", StringComparison.Ordinal) && !path[(LoggedModelsPath.Length + 1)..].Contains('/', StringComparison.Ordinal)
            ? LoggedModelRoute
            : path;

    private async Task<EmulatorResponse> CreateModelVersionAsync(EmulatorRequest r)
    {
        var source = r.Required("source");
        if (source.StartsWith("models:/m-", StringComparison.Ordinal))
        {
            if (!IsMlflow3)
            {
                // 2.17.2 knows only models:/<name>/<version|stage> and models:/<name>@<alias> (v3 fixture 126's note).
                return EmulatorResponse.Error(500, ErrorCodes.InternalError, $"Not a proper models:/ URI: {source}. Models URIs must be of the form 'models:/model_name/suffix' or 'models:/model_name@alias'");
            }

            var modelId = LoggedModelUri.ModelIdOf(source) ?? throw new InvalidParameterException($"Invalid model URI '{source}'");
            return VersionJson(await Store.CreateModelVersionFromLoggedModelAsync(r.Required("name"), modelId, r.Get("run_id"), r.Get("description"), Tags(r)), withAliases: false);
        }

        return VersionJson(await Store.CreateModelVersionAsync(r.Required("name"), source, r.Get("run_id"), r.Get("description"), Tags(r)), withAliases: false);
    }

    private EmulatorResponse ModelJson(LoggedModel model) =>
        EmulatorResponse.Json(new JsonObject { ["model"] = MlflowEmulatorJson.LoggedModel(model, ToProxyUri) });

    private static string ModelIdOf(EmulatorRequest r) => r.Path[(LoggedModelsPath.Length + 1)..];

    private static Dictionary<string, string> ToDictionary(IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        pairs.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
}
