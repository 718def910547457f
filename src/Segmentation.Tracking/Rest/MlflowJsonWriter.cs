using System.Text.Json.Nodes;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Rest;

/// <summary>Builds MLflow REST request bodies in the field names and shapes the recorded fixtures show.</summary>
public static class MlflowJsonWriter
{
    /// <summary><c>[{key, value}]</c> from a dictionary, in its enumeration order.</summary>
    public static JsonArray KeyValues(IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        var array = new JsonArray();
        foreach (var (key, value) in pairs ?? [])
        {
            array.Add(new JsonObject { ["key"] = key, ["value"] = value });
        }

        return array;
    }

    /// <summary>A metric point; non-finite values use protobuf JSON's "NaN" / "Infinity" / "-Infinity" strings.</summary>
    public static JsonObject Metric(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new JsonObject
        {
            ["key"] = metric.Key,
            ["value"] = Double(metric.Value),
            ["timestamp"] = metric.TimestampMs,
            ["step"] = metric.Step,
        };
    }

    /// <summary>A metric point linked to a logged model: <see cref="Metric(Runs.Metric)"/> plus <c>model_id</c> and the dataset (v3 fixture 100).</summary>
    public static JsonObject ModelMetric(Metric metric, string modelId, string? datasetName, string? datasetDigest)
    {
        var json = Metric(metric);
        json["model_id"] = modelId;
        if (datasetName is not null)
        {
            json["dataset_name"] = datasetName;
            json["dataset_digest"] = datasetDigest;
        }

        return json;
    }

    /// <summary>A double as a JSON number, or the protobuf JSON string for NaN and infinities.</summary>
    public static JsonNode Double(double value) =>
        double.IsNaN(value) ? JsonValue.Create("NaN")
        : double.IsPositiveInfinity(value) ? JsonValue.Create("Infinity")
        : double.IsNegativeInfinity(value) ? JsonValue.Create("-Infinity")
        : JsonValue.Create(value);

    /// <summary>A dataset input: <c>{dataset: {name, digest, source_type, source, schema?, profile?}, tags}</c>.</summary>
    public static JsonObject DatasetInput(DatasetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var d = input.Dataset;
        var dataset = new JsonObject
        {
            ["name"] = d.Name,
            ["digest"] = d.Digest,
            ["source_type"] = d.SourceType,
            ["source"] = d.Source,
        };
        if (d.Schema is not null)
        {
            dataset["schema"] = d.Schema;
        }

        if (d.Profile is not null)
        {
            dataset["profile"] = d.Profile;
        }

        return new JsonObject { ["dataset"] = dataset, ["tags"] = KeyValues(input.Tags) };
    }
}
