using System.Text.Json;
using System.Text.Json.Nodes;

namespace Segmentation.Runner.Segments;

/// <summary>The model folder's <c>segments.json</c>: every segment's name, description, sizes, shares, RFM scores and feature statistics.</summary>
public static class SegmentsJson
{
    /// <summary>File name inside the model folder, next to <c>cluster_profile.csv</c>.</summary>
    public const string FileName = "segments.json";

    /// <summary>Version of the layout; bumped on incompatible changes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Indented JSON of the profiles; NaN (no revenue column) is written as null.</summary>
    public static string Write(IReadOnlyList<SegmentProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var segments = new JsonArray();
        foreach (var p in profiles)
        {
            var features = new JsonObject();
            foreach (var (name, stats) in p.Features)
            {
                features[name] = new JsonObject { ["mean"] = Number(stats.Mean), ["median"] = Number(stats.Median), ["lift"] = Number(stats.Lift) };
            }

            segments.Add(new JsonObject
            {
                ["segment"] = p.Segment,
                ["name"] = p.Name,
                ["description"] = p.Description,
                ["size"] = p.Size,
                ["share"] = Number(p.Share),
                ["revenue_share"] = Number(p.RevenueShare),
                ["rfm"] = p.Rfm is { } s ? new JsonObject { ["r"] = s.R, ["f"] = s.F, ["m"] = s.M, ["fm"] = s.FM } : null,
                ["features"] = features,
            });
        }

        var root = new JsonObject { ["format_version"] = FormatVersion, ["segments"] = segments };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
