using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Serving.Models;
using Segmentation.Serving.Scoring;
using Segmentation.Tracking.Models;

namespace Segmentation.Serving.Http;

/// <summary>Reads a model's segments for <c>GET /v1/model</c>: the <c>segments.json</c> attachment when the folder has it, else the cluster profile.</summary>
public static class ModelSegments
{
    /// <summary>The segments of <paramref name="model"/>, ascending by id, named as it shows them; empty when its folder records neither file.</summary>
    public static IReadOnlyList<ModelSegment> Of(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var folder = model.Folder;
        if (folder.Attachment(SegmentNames.SegmentsFile) is { } json && FromSegmentsJson(json, model) is { } named)
        {
            return named;
        }

        return folder.ClusterProfileCsv is { } csv ? FromProfileCsv(csv, model) : [];
    }

    private static List<ModelSegment>? FromSegmentsJson(string json, LoadedModel model)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root?["segments"] is not JsonArray segments)
        {
            return null;
        }

        var list = new List<ModelSegment>();
        foreach (var node in segments.OfType<JsonObject>())
        {
            var profile = (JsonObject)node.DeepClone();
            var id = profile["segment"]?.GetValue<int>() ?? 0;
            var size = profile["size"]?.GetValue<long>() ?? 0;
            var share = profile["share"]?.GetValue<double>() ?? double.NaN;
            foreach (var key in new[] { "segment", "name", "size", "share" })
            {
                profile.Remove(key);
            }

            list.Add(new ModelSegment(id, SegmentNames.For(id, model), size, share, profile));
        }

        return [.. list.OrderBy(s => s.Segment)];
    }

    private static List<ModelSegment> FromProfileCsv(string csv, LoadedModel model)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return [];
        }

        var header = lines[0].Split(',');
        var list = new List<ModelSegment>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length != header.Length || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            var means = new JsonObject();
            for (var i = 3; i < header.Length; i++)
            {
                if (double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var mean) && double.IsFinite(mean))
                {
                    means[header[i].StartsWith("mean_", StringComparison.Ordinal) ? header[i][5..] : header[i]] = new JsonObject { ["mean"] = mean };
                }
            }

            var size = long.Parse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture);
            var share = double.Parse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture);
            list.Add(new ModelSegment(id, SegmentNames.For(id, model), size, share, new JsonObject { ["features"] = means }));
        }

        return list;
    }
}
