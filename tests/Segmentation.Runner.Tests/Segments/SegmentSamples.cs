using Segmentation.Runner.Segments;

namespace Segmentation.Runner.Tests.Segments;

/// <summary>Two hand-made segment profiles with RFM statistics, as a trial's segments.json holds them.</summary>
internal static class SegmentSamples
{
    public static IReadOnlyList<SegmentProfile> Profiles { get; } =
    [
        new(0, 300, 0.75, 0.25, Stats(200, 1, 300), Name: "Hibernating"),
        new(1, 100, 0.25, 0.75, Stats(6, 7, 2500), Name: "Champions"),
    ];

    private static List<KeyValuePair<string, FeatureStats>> Stats(double recency, double frequency, double monetary) =>
    [
        new("recency_days", new FeatureStats(recency + 1, recency, 1)),
        new("frequency", new FeatureStats(frequency + 1, frequency, 1)),
        new("monetary", new FeatureStats(monetary + 1, monetary, 1)),
    ];
}
