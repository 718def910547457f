using System.Text.Json.Nodes;
using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>Renders tracking records the way MLflow 2.17.2 does (proto3 JSON: empty lists and unset fields omitted, ids as strings).</summary>
public static class MlflowEmulatorJson
{
    /// <summary>An experiment; the artifact location rewritten by <paramref name="mapUri"/>.</summary>
    public static JsonObject Experiment(Experiment e, Func<string, string> mapUri)
    {
        var json = new JsonObject
        {
            ["experiment_id"] = e.ExperimentId,
            ["name"] = e.Name,
            ["artifact_location"] = mapUri(e.ArtifactLocation),
            ["lifecycle_stage"] = e.LifecycleStage,
        };
        AddIf(json, "last_update_time", e.LastUpdateTimeMs);
        AddIf(json, "creation_time", e.CreationTimeMs);
        AddList(json, "tags", MlflowJsonWriter.KeyValues(e.Tags));
        return json;
    }

    /// <summary>A run info.</summary>
    public static JsonObject RunInfo(RunInfo info, Func<string, string> mapUri)
    {
        var json = new JsonObject
        {
            ["run_uuid"] = info.RunId,
            ["experiment_id"] = info.ExperimentId,
            ["run_name"] = info.RunName,
            ["user_id"] = info.UserId,
            ["status"] = RunStatusNames.ToMlflow(info.Status),
            ["start_time"] = info.StartTimeMs,
        };
        AddIf(json, "end_time", info.EndTimeMs);
        json["artifact_uri"] = mapUri(info.ArtifactUri);
        json["lifecycle_stage"] = info.LifecycleStage;
        json["run_id"] = info.RunId;
        return json;
    }

    /// <summary>A run; <paramref name="withInputs"/> adds the <c>inputs</c> object that get/search return but create does not.</summary>
    /// <remarks><paramref name="withOutputs"/>: MLflow 3's <c>outputs</c> object (<c>{}</c> or <c>model_outputs</c>, v3 fixture 122).</remarks>
    public static JsonObject Run(Run run, Func<string, string> mapUri, bool withInputs, bool withOutputs = false)
    {
        var data = new JsonObject();
        AddList(data, "metrics", new JsonArray(run.Data.Metrics.Values.Select(m => (JsonNode?)MlflowJsonWriter.Metric(m)).ToArray()));
        AddList(data, "params", MlflowJsonWriter.KeyValues(run.Data.Params));
        AddList(data, "tags", MlflowJsonWriter.KeyValues(run.Data.Tags));
        var json = new JsonObject { ["info"] = RunInfo(run.Info, mapUri), ["data"] = data };
        if (withInputs)
        {
            var inputs = new JsonObject();
            AddList(inputs, "dataset_inputs", new JsonArray(run.Inputs.Select(i => (JsonNode?)MlflowJsonWriter.DatasetInput(i)).ToArray()));
            json["inputs"] = inputs;
        }

        if (withOutputs)
        {
            var outputs = new JsonObject();
            AddList(outputs, "model_outputs", new JsonArray(run.ModelOutputs.Select(o => (JsonNode?)new JsonObject { ["model_id"] = o.ModelId, ["step"] = o.Step }).ToArray()));
            json["outputs"] = outputs;
        }

        return json;
    }

    /// <summary>A logged <c>model</c> as MLflow 3 returns it (v3 fixtures 92, 101): info with enum status and <c>*_timestamp_ms</c>, data with params and metrics.</summary>
    public static JsonObject LoggedModel(Tracking.LoggedModels.LoggedModel m, Func<string, string> mapUri)
    {
        var info = new JsonObject
        {
            ["model_id"] = m.ModelId,
            ["experiment_id"] = m.ExperimentId,
            ["name"] = m.Name,
            ["creation_timestamp_ms"] = m.CreationTimestampMs,
            ["last_updated_timestamp_ms"] = m.LastUpdatedTimestampMs,
            ["artifact_uri"] = mapUri(m.ArtifactUri),
            ["status"] = Tracking.LoggedModels.LoggedModelStatusNames.ToMlflow(m.Status),
            ["model_type"] = m.ModelType ?? string.Empty,
            ["source_run_id"] = m.SourceRunId ?? string.Empty,
        };
        AddList(info, "tags", MlflowJsonWriter.KeyValues(m.Tags));
        var data = new JsonObject();
        AddList(data, "params", MlflowJsonWriter.KeyValues(m.Params));
        AddList(data, "metrics", new JsonArray(m.Metrics.Select(x =>
        {
            var metric = MlflowJsonWriter.Metric(x);
            metric["model_id"] = m.ModelId;
            return (JsonNode?)metric;
        }).ToArray()));
        return new JsonObject { ["info"] = info, ["data"] = data };
    }

    /// <summary>A model version; aliases only where MLflow 2.17 returns them (get and get-by-alias, not search or latest).</summary>
    public static JsonObject ModelVersion(ModelVersion v, bool withAliases)
    {
        var json = new JsonObject
        {
            ["name"] = v.Name,
            ["version"] = v.Version,
            ["creation_timestamp"] = v.CreationTimestampMs,
            ["last_updated_timestamp"] = v.LastUpdatedTimestampMs,
            ["current_stage"] = v.CurrentStage,
            ["description"] = v.Description ?? string.Empty,
            ["source"] = v.Source,
            ["run_id"] = v.RunId ?? string.Empty,
            ["status"] = v.Status,
        };
        if (v.StatusMessage is not null)
        {
            json["status_message"] = v.StatusMessage;
        }

        AddList(json, "tags", MlflowJsonWriter.KeyValues(v.Tags));
        json["run_link"] = string.Empty;
        if (withAliases)
        {
            AddList(json, "aliases", new JsonArray(v.Aliases.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()));
        }

        return json;
    }

    /// <summary>A registered model with latest versions, tags and aliases.</summary>
    public static JsonObject RegisteredModel(RegisteredModel m)
    {
        var json = new JsonObject
        {
            ["name"] = m.Name,
            ["creation_timestamp"] = m.CreationTimestampMs,
            ["last_updated_timestamp"] = m.LastUpdatedTimestampMs,
        };
        if (m.Description is not null)
        {
            json["description"] = m.Description;
        }

        AddList(json, "latest_versions", new JsonArray(m.LatestVersions.Select(v => (JsonNode?)ModelVersion(v, withAliases: false)).ToArray()));
        AddList(json, "tags", MlflowJsonWriter.KeyValues(m.Tags));
        AddList(json, "aliases", new JsonArray(m.Aliases.Select(a => (JsonNode?)new JsonObject { ["alias"] = a.Key, ["version"] = a.Value }).ToArray()));
        return json;
    }

    /// <summary>An artifact listing entry (no file_size for folders).</summary>
    public static JsonObject ArtifactFile(ArtifactFile f, string path)
    {
        var json = new JsonObject { ["path"] = path, ["is_dir"] = f.IsDirectory };
        AddIf(json, "file_size", f.FileSize);
        return json;
    }

    /// <summary>Adds a list only when it has items (MLflow omits empty repeated fields).</summary>
    public static void AddList(JsonObject json, string name, JsonArray list)
    {
        if (list.Count > 0)
        {
            json[name] = list;
        }
    }

    private static void AddIf(JsonObject json, string name, long? value)
    {
        if (value is { } v)
        {
            json[name] = v;
        }
    }
}
