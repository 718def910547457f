using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Runner.Segments;

namespace Segmentation.Runner.Tests.Segments;

public sealed class SegmentsJsonTests
{
    // The layout as a node tree writes it (how the file was first written): the streamed writer must give these bytes.
    private static string AsNodeTree(IReadOnlyList<SegmentProfile> profiles)
    {
        static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
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

        return new JsonObject { ["format_version"] = SegmentsJson.FormatVersion, ["segments"] = segments }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    [Fact]
    public void Write_ProfilesWithAndWithoutRfmNaNAndEscapes_IsTheNodeTreesText()
    {
        SegmentProfile[] profiles =
        [
            new(-1, 3, 0.1, double.NaN, [new("monetary", new FeatureStats(1.0 / 3, -0.0, double.NaN))], null, "Noise", "3 customers (10 %)"),
            new(0, 27, 0.9, 0.8765432109876543, [new("recency_days", new FeatureStats(12.5, 10, 0.25)), new("a \"quoted\" <name>", new FeatureStats(1e-300, 5e20, double.PositiveInfinity))],
                new RfmScore(5, 4, 3), "Champions (high spend)", "27 customers (90 %): spend 4.1× the average, café & co"),
        ];

        var text = SegmentsJson.Write(profiles);

        Assert.Equal(AsNodeTree(profiles), text);
        Assert.Equal([-1, 0], BestSegments.Parse(text).Select(r => r.Segment));
    }

    [Fact]
    public void Write_NoProfiles_IsTheNodeTreesText()
    {
        Assert.Equal(AsNodeTree([]), SegmentsJson.Write([]));
    }
}
