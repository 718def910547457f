using Segmentation.Data.Features;

namespace Segmentation.Serving.Scoring;

/// <summary>Computes the per-segment profile of a scoring (the <c>segment_profiles</c> table's rows).</summary>
public static class SegmentProfiles
{
    /// <summary>One profile per segment present, ascending (noise first when present).</summary>
    public static IReadOnlyList<SegmentProfile> Of(ScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = result.Customers;
        var segments = result.Scores.Segments;
        var hasMonetary = table.FeatureNames.Contains(FeatureCatalog.Monetary, StringComparer.Ordinal);
        var totalRevenue = hasMonetary ? table.ExactMonetary.Sum() : 0m;
        var profiles = new List<SegmentProfile>();
        foreach (var group in Enumerable.Range(0, segments.Length).GroupBy(i => segments[i]).OrderBy(g => g.Key))
        {
            var rows = group.ToArray();
            var means = table.FeatureNames.ToDictionary(
                name => name,
                name =>
                {
                    var column = table.Column(name);
                    return rows.Average(r => column[r]);
                },
                StringComparer.Ordinal);
            double? revenueShare = hasMonetary && totalRevenue != 0 ? (double)(rows.Sum(r => table.ExactMonetary[r]) / totalRevenue) : null;
            profiles.Add(new SegmentProfile(group.Key, SegmentNames.For(group.Key, result.Model), rows.Length, (double)rows.Length / segments.Length, revenueShare, means));
        }

        return profiles;
    }
}
