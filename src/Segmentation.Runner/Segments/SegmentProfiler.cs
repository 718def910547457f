using Segmentation.Runner.Data;

namespace Segmentation.Runner.Segments;

/// <summary>Builds every segment's profile from the training table's columns (all of them, not only the clustered ones) and the labels.</summary>
public static class SegmentProfiler
{
    /// <summary>Profiles, named and described, one per segment ascending (noise −1 first when present).</summary>
    /// <param name="data">The training table; <see cref="TrainingData.Columns"/> supplies every feature and the revenue.</param>
    /// <param name="labels">The segment of each row.</param>
    /// <param name="names">Overrides by segment label (params.yaml), applied after the rule; null for none.</param>
    public static IReadOnlyList<SegmentProfile> Profile(TrainingData data, ReadOnlySpan<int> labels, IReadOnlyDictionary<int, string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (labels.Length != data.CustomerIds.Length)
        {
            throw new ArgumentException($"{labels.Length} labels for {data.CustomerIds.Length} customers.", nameof(labels));
        }

        var rowsOf = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (!rowsOf.TryGetValue(labels[i], out var rows))
            {
                rowsOf[labels[i]] = rows = [];
            }

            rows.Add(i);
        }

        var count = labels.Length;
        var overall = data.Columns.ToDictionary(c => c.Key, c => c.Value.Average(), StringComparer.Ordinal);
        var revenue = data.Revenue;
        var totalRevenue = revenue?.Sum() ?? double.NaN;
        var profiles = rowsOf.Select(entry =>
        {
            var rows = entry.Value;
            var features = data.Columns.Select(c => new KeyValuePair<string, FeatureStats>(c.Key, Stats(c.Value, rows, overall[c.Key]))).ToList();
            var segmentRevenue = revenue is null ? double.NaN : rows.Sum(r => revenue[r]);
            return new SegmentProfile(
                entry.Key,
                rows.Count,
                (double)rows.Count / count,
                totalRevenue > 0 ? segmentRevenue / totalRevenue : double.NaN,
                features);
        }).ToList();
        var named = SegmentNamer.Name(profiles, data, names);
        return [.. named.Select(p => p with { Description = SegmentDescriber.Describe(p) })];
    }

    private static FeatureStats Stats(double[] column, List<int> rows, double overallMean)
    {
        var values = rows.Select(r => column[r]).Order().ToList();
        var mean = values.Average();
        return new FeatureStats(mean, Quantile.Of(values, 50), overallMean == 0 ? double.NaN : mean / overallMean);
    }
}
