using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>Model registry endpoints.</summary>
public sealed partial class MlflowEmulator
{
    private void MapRegistry()
    {
        Map("POST", "registered-models/create", async r =>
        {
            var name = r.Required("name");
            await _createLock.WaitAsync();
            try
            {
                if ((await Store.SearchRegisteredModelsAsync()).Any(m => m.Name == name))
                {
                    return EmulatorResponse.Error(400, ErrorCodes.ResourceAlreadyExists, $"Registered Model (name={name}) already exists.");
                }

                var model = await Store.CreateRegisteredModelAsync(name, r.Get("description"), Tags(r));
                return EmulatorResponse.Json(new JsonObject { ["registered_model"] = MlflowEmulatorJson.RegisteredModel(model) });
            }
            finally
            {
                _createLock.Release();
            }
        });
        Map("GET", "registered-models/get", async r => ModelJson(await Store.GetRegisteredModelAsync(r.Required("name"))));
        Map("GET", "registered-models/search", async r =>
        {
            var models = await Store.SearchRegisteredModelsAsync(r.Get("filter"));
            return Paged(r, "registered_models", models.Select(m => (JsonNode)MlflowEmulatorJson.RegisteredModel(m)).ToList());
        });
        Map("PATCH", "registered-models/update", async r => ModelJson(await Store.UpdateRegisteredModelAsync(r.Required("name"), r.Get("description"))));
        Map("POST", "registered-models/set-tag", async r =>
        {
            await Store.SetRegisteredModelTagAsync(r.Required("name"), r.Required("key"), r.Get("value") ?? string.Empty);
            return EmptyJson();
        });
        Map("POST", "registered-models/alias", async r =>
        {
            await Store.SetRegisteredModelAliasAsync(r.Required("name"), r.Required("alias"), r.Required("version"));
            return EmptyJson();
        });
        Map("DELETE", "registered-models/alias", async r =>
        {
            await Store.DeleteRegisteredModelAliasAsync(r.Required("name"), r.Required("alias"));
            return EmptyJson();
        });
        Map("GET", "registered-models/alias", async r =>
        {
            var alias = r.Required("alias");
            var version = await Store.GetModelVersionByAliasAsync(r.Required("name"), alias)
                // MLflow 2.17 answers an unset alias with 400, not 404 (fixture 55).
                ?? throw new InvalidParameterException($"Registered model alias {alias} not found.");
            return VersionJson(version, withAliases: true);
        });
        Map("POST", "registered-models/get-latest-versions", LatestVersionsAsync);
        Map("GET", "registered-models/get-latest-versions", LatestVersionsAsync);
        Map("POST", "model-versions/create", CreateModelVersionAsync);
        Map("GET", "model-versions/get", async r => VersionJson(await Store.GetModelVersionAsync(r.Required("name"), r.Required("version")), withAliases: true));
        Map("GET", "model-versions/search", async r =>
        {
            var versions = await Store.SearchModelVersionsAsync(r.Get("filter"));
            return Paged(r, "model_versions", versions.Select(v => (JsonNode)MlflowEmulatorJson.ModelVersion(v, withAliases: false)).ToList());
        });
        Map("PATCH", "model-versions/update", async r => VersionJson(await Store.UpdateModelVersionAsync(r.Required("name"), r.Required("version"), r.Get("description")), withAliases: false));
        Map("POST", "model-versions/set-tag", async r =>
        {
            await Store.SetModelVersionTagAsync(r.Required("name"), r.Required("version"), r.Required("key"), r.Get("value") ?? string.Empty);
            return EmptyJson();
        });
        Map("POST", "model-versions/transition-stage", async r =>
        {
            var stage = r.Required("stage");
            if (!Registry.ModelStages.All.Any(s => s.Equals(stage, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidParameterException($"Invalid Model Version stage: {stage}. Value must be one of None, Staging, Production, Archived.");
            }

            var archive = r.Get("archive_existing_versions") == "true";
            return VersionJson(await Store.TransitionModelVersionStageAsync(r.Required("name"), r.Required("version"), stage, archive), withAliases: false);
        });
        Map("GET", "model-versions/get-download-uri", async r =>
        {
            var version = await Store.GetModelVersionAsync(r.Required("name"), r.Required("version"));
            var uri = version.Source;
            if (uri.StartsWith("runs:/", StringComparison.Ordinal))
            {
                var rest = uri["runs:/".Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                var run = await Store.GetRunAsync(slash < 0 ? rest : rest[..slash]);
                uri = ToProxyUri(run.Info.ArtifactUri) + (slash < 0 ? string.Empty : rest[slash..]);
            }

            if (IsMlflow3 && Tracking.LoggedModels.LoggedModelUri.ModelIdOf(uri) is { } modelId)
            {
                // A logged model's version resolves to the model's own folder (v3 fixture 128).
                uri = (await Store.GetLoggedModelAsync(modelId)).ArtifactUri;
            }

            return EmulatorResponse.Json(new JsonObject { ["artifact_uri"] = ToProxyUri(uri) });
        });
    }

    private async Task<EmulatorResponse> LatestVersionsAsync(EmulatorRequest r)
    {
        var versions = await Store.GetLatestVersionsAsync(r.Required("name"), r.List("stages"));
        var json = new JsonObject();
        MlflowEmulatorJson.AddList(json, "model_versions", new JsonArray(versions.Select(v => (JsonNode?)MlflowEmulatorJson.ModelVersion(v, withAliases: false)).ToArray()));
        return EmulatorResponse.Json(json);
    }

    private static EmulatorResponse Paged(EmulatorRequest r, string key, List<JsonNode> items)
    {
        // Offset tokens as MLflow encodes them: base64 of {"offset": n}.
        var size = (int)(r.Int64("max_results") ?? 1000);
        var offset = (int)PageOffset(r.Get("page_token"));
        var page = items.Skip(offset).Take(size).ToList();
        var json = new JsonObject();
        MlflowEmulatorJson.AddList(json, key, new JsonArray(page.Select(n => (JsonNode?)n).ToArray()));
        if (offset + page.Count < items.Count)
        {
            json["next_page_token"] = OffsetToken(offset + page.Count);
        }

        return EmulatorResponse.Json(json);
    }

    /// <summary>MLflow's page token: base64 of <c>{"offset": n}</c>.</summary>
    private static string OffsetToken(long offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"offset\": {offset}}}")));

    private static long PageOffset(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(token));
            return document.RootElement.GetProperty("offset").GetInt64();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidParameterException($"Invalid page token, could not base64-decode: {token}", ex);
        }
    }

    private static Dictionary<string, string> Tags(EmulatorRequest r) => r.KeyValues("tags").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static EmulatorResponse ModelJson(Registry.RegisteredModel model) =>
        EmulatorResponse.Json(new JsonObject { ["registered_model"] = MlflowEmulatorJson.RegisteredModel(model) });

    private static EmulatorResponse VersionJson(Registry.ModelVersion version, bool withAliases) =>
        EmulatorResponse.Json(new JsonObject { ["model_version"] = MlflowEmulatorJson.ModelVersion(version, withAliases) });
}
