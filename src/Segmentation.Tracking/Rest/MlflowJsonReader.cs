using System.Globalization;
using System.Text.Json;
using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Tracking.Rest;

/// <summary>Reads MLflow REST responses (protobuf JSON as MLflow 2.x renders it) into the tracking records.</summary>
/// <remarks>
/// Tolerant where the server is: absent lists are empty (an empty page is <c>{}</c>), int64 fields may come as
/// numbers or strings, doubles may be "NaN"/"Infinity". A missing required field is a clear
/// <see cref="MlflowException"/> naming the field, never a NullReferenceException.
/// </remarks>
public static class MlflowJsonReader
{
    /// <summary>Reads an <c>experiment</c> object.</summary>
    public static Experiment ReadExperiment(JsonElement e) => new(
        RequiredString(e, "experiment_id", "experiment"),
        RequiredString(e, "name", "experiment"),
        OptionalString(e, "artifact_location") ?? string.Empty,
        OptionalString(e, "lifecycle_stage") ?? "active",
        OptionalInt64(e, "creation_time"),
        OptionalInt64(e, "last_update_time"),
        ReadKeyValues(e, "tags"));

    /// <summary>Reads a <c>run</c> object (info, data, inputs).</summary>
    public static Run ReadRun(JsonElement e)
    {
        var info = ReadRunInfo(Required(e, "info", "run"));
        var data = e.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var metrics = new Dictionary<string, Metric>(StringComparer.Ordinal);
        foreach (var m in Items(data, "metrics"))
        {
            var metric = ReadMetric(m);
            metrics[metric.Key] = metric;
        }

        var tags = ReadKeyValues(data, "tags");
        var inputs = new List<DatasetInput>();
        if (e.TryGetProperty("inputs", out var i) && i.ValueKind == JsonValueKind.Object)
        {
            foreach (var input in Items(i, "dataset_inputs"))
            {
                inputs.Add(ReadDatasetInput(input));
            }
        }

        // Older servers leave run_name empty and keep the name only in the mlflow.runName tag.
        if (info.RunName.Length == 0 && tags.TryGetValue(MlflowTags.RunName, out var name))
        {
            info = info with { RunName = name };
        }

        // MLflow 3 lists the run's logged models under outputs (v3 fixture 122); MLflow 2 has no outputs key.
        var outputs = new List<ModelOutput>();
        if (e.TryGetProperty("outputs", out var o) && o.ValueKind == JsonValueKind.Object)
        {
            outputs.AddRange(Items(o, "model_outputs").Select(m => new ModelOutput(RequiredString(m, "model_id", "model output"), OptionalInt64(m, "step") ?? 0)));
        }

        return new Run(info, new RunData(metrics, ReadKeyValues(data, "params"), tags), inputs) { ModelOutputs = outputs };
    }

    /// <summary>Reads a <c>run_info</c> / <c>info</c> object.</summary>
    public static RunInfo ReadRunInfo(JsonElement e)
    {
        var runId = OptionalString(e, "run_id") ?? RequiredString(e, "run_uuid", "run info");
        var statusText = OptionalString(e, "status") ?? "RUNNING";
        RunStatus status;
        try
        {
            status = RunStatusNames.Parse(statusText);
        }
        catch (FormatException ex)
        {
            throw new MlflowException(ErrorCodes.InternalError, $"MLflow response: run {runId} has {ex.Message}", null, ex);
        }

        return new RunInfo(
            runId,
            RequiredString(e, "experiment_id", "run info"),
            OptionalString(e, "run_name") ?? string.Empty,
            OptionalString(e, "user_id") ?? string.Empty,
            status,
            OptionalInt64(e, "start_time") ?? 0,
            OptionalInt64(e, "end_time"),
            OptionalString(e, "artifact_uri") ?? string.Empty,
            OptionalString(e, "lifecycle_stage") ?? "active");
    }

    /// <summary>Reads one metric point.</summary>
    public static Metric ReadMetric(JsonElement e) => new(
        RequiredString(e, "key", "metric"),
        OptionalDouble(e, "value") ?? 0,
        OptionalInt64(e, "timestamp") ?? 0,
        OptionalInt64(e, "step") ?? 0);

    /// <summary>Reads a logged <c>model</c> object (<c>{info, data: {params, metrics}}</c>, v3 fixtures 92, 101).</summary>
    public static LoggedModel ReadLoggedModel(JsonElement e)
    {
        var info = Required(e, "info", "logged model");
        var data = e.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var modelId = RequiredString(info, "model_id", "logged model info");
        var statusText = OptionalString(info, "status") ?? "LOGGED_MODEL_PENDING";
        LoggedModelStatus status;
        try
        {
            status = LoggedModelStatusNames.Parse(statusText);
        }
        catch (FormatException ex)
        {
            throw new MlflowException(ErrorCodes.InternalError, $"MLflow response: logged model {modelId} has {ex.Message}", null, ex);
        }

        return new LoggedModel(
            modelId,
            RequiredString(info, "experiment_id", "logged model info"),
            OptionalString(info, "name") ?? string.Empty,
            OptionalString(info, "artifact_uri") ?? string.Empty,
            status,
            EmptyToNull(OptionalString(info, "source_run_id")),
            EmptyToNull(OptionalString(info, "model_type")),
            OptionalInt64(info, "creation_timestamp_ms") ?? 0,
            OptionalInt64(info, "last_updated_timestamp_ms") ?? 0,
            ReadKeyValues(data, "params"),
            ReadKeyValues(info, "tags"),
            Items(data, "metrics").Select(ReadMetric).ToArray());
    }

    /// <summary>Reads a dataset input (<c>{dataset: {...}, tags: [...]}</c>).</summary>
    public static DatasetInput ReadDatasetInput(JsonElement e)
    {
        var d = Required(e, "dataset", "dataset input");
        var dataset = new Dataset(
            RequiredString(d, "name", "dataset"),
            RequiredString(d, "digest", "dataset"),
            OptionalString(d, "source_type") ?? string.Empty,
            OptionalString(d, "source") ?? string.Empty,
            OptionalString(d, "schema"),
            OptionalString(d, "profile"));
        return new DatasetInput(dataset, ReadKeyValues(e, "tags"));
    }

    /// <summary>Reads a <c>model_version</c> object.</summary>
    public static ModelVersion ReadModelVersion(JsonElement e)
    {
        var aliases = new List<string>();
        foreach (var a in Items(e, "aliases"))
        {
            if (a.ValueKind == JsonValueKind.String)
            {
                aliases.Add(a.GetString()!);
            }
        }

        return new ModelVersion(
            RequiredString(e, "name", "model version"),
            RequiredString(e, "version", "model version"),
            OptionalInt64(e, "creation_timestamp") ?? 0,
            OptionalInt64(e, "last_updated_timestamp") ?? 0,
            OptionalString(e, "current_stage") ?? ModelStages.None,
            EmptyToNull(OptionalString(e, "description")),
            OptionalString(e, "source") ?? string.Empty,
            EmptyToNull(OptionalString(e, "run_id")),
            OptionalString(e, "status") ?? ModelStages.Ready,
            EmptyToNull(OptionalString(e, "status_message")),
            ReadKeyValues(e, "tags"),
            aliases);
    }

    /// <summary>Reads a <c>registered_model</c> object.</summary>
    public static RegisteredModel ReadRegisteredModel(JsonElement e)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in Items(e, "aliases"))
        {
            aliases[RequiredString(a, "alias", "registered model alias")] = RequiredString(a, "version", "registered model alias");
        }

        return new RegisteredModel(
            RequiredString(e, "name", "registered model"),
            OptionalInt64(e, "creation_timestamp") ?? 0,
            OptionalInt64(e, "last_updated_timestamp") ?? 0,
            EmptyToNull(OptionalString(e, "description")),
            Items(e, "latest_versions").Select(ReadModelVersion).ToArray(),
            ReadKeyValues(e, "tags"),
            aliases);
    }

    /// <summary>Reads one entry of an artifact listing, prefixing <paramref name="parent"/> when the server lists relative to the folder.</summary>
    public static ArtifactFile ReadArtifactFile(JsonElement e, string? parent)
    {
        var path = RequiredString(e, "path", "artifact file");
        var isDir = e.TryGetProperty("is_dir", out var d) && d.ValueKind == JsonValueKind.True;
        var full = string.IsNullOrEmpty(parent) ? path : parent.TrimEnd('/') + "/" + path;
        return new ArtifactFile(full, isDir, isDir ? null : OptionalInt64(e, "file_size"));
    }

    /// <summary>The elements of an array property; an absent or null property is an empty list (MLflow omits empty lists).</summary>
    public static IEnumerable<JsonElement> Items(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new MlflowException(ErrorCodes.InternalError, $"MLflow response field '{name}' is {list.ValueKind}, expected an array");
        }

        return list.EnumerateArray();
    }

    /// <summary>A required object property; a clear error names it when absent.</summary>
    public static JsonElement Required(JsonElement e, string name, string what)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        throw new MlflowException(ErrorCodes.InternalError, $"MLflow response {what} has no '{name}' field");
    }

    /// <summary>A required string property.</summary>
    public static string RequiredString(JsonElement e, string name, string what) =>
        OptionalString(e, name) ?? throw new MlflowException(ErrorCodes.InternalError, $"MLflow response {what} has no '{name}' field");

    /// <summary>A string property, or null when absent; numbers are rendered invariantly (ids may be numeric).</summary>
    public static string? OptionalString(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new MlflowException(ErrorCodes.InternalError, $"MLflow response field '{name}' is {value.ValueKind}, expected a string"),
        };
    }

    /// <summary>An int64 property given as a number or a string, or null when absent.</summary>
    public static long? OptionalInt64(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            return n;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && Math.Abs(d) < 9e18)
        {
            return (long)d;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
        {
            return s;
        }

        throw new MlflowException(ErrorCodes.InternalError, $"MLflow response field '{name}' = {value.GetRawText()} is not an integer");
    }

    /// <summary>A double property given as a number or as protobuf's "NaN" / "Infinity" / "-Infinity" strings.</summary>
    public static double? OptionalDouble(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString();
            switch (text)
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }

        throw new MlflowException(ErrorCodes.InternalError, $"MLflow response field '{name}' = {value.GetRawText()} is not a number");
    }

    /// <summary>A <c>[{key, value}]</c> list as a dictionary (a later duplicate key wins).</summary>
    public static IReadOnlyDictionary<string, string> ReadKeyValues(JsonElement e, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Items(e, name))
        {
            result[RequiredString(item, "key", name)] = OptionalString(item, "value") ?? string.Empty;
        }

        return result;
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
