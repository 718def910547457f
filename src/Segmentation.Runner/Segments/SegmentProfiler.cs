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
        var summaries = ColumnSummaries.Of(data);
        var stats = Stats(summaries, data.Columns, labels, rowsOf);
        var revenue = data.Revenue;
        var totalRevenue = revenue?.Sum() ?? double.NaN;
        var profiles = rowsOf.Select((entry, s) =>
        {
            var rows = entry.Value;
            var features = data.Columns.Select((c, j) => new KeyValuePair<string, FeatureStats>(c.Key, stats[j][s])).ToList();
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

    // stats[column][segment]. Each column is walked once in its ascending order (sorted once per table), dealing every value to
    // its segment, so each segment's values arrive sorted without a sort per trial: the mean is summed in ascending order and
    // the median interpolated as before, bit for bit.
    private static FeatureStats[][] Stats(
        ColumnSummaries summaries, IReadOnlyList<KeyValuePair<string, double[]>> columns, ReadOnlySpan<int> labels, SortedDictionary<int, List<int>> rowsOf)
    {
        var slotOf = new Dictionary<int, int>(rowsOf.Count);
        var buffers = new double[rowsOf.Count][];
        foreach (var (label, rows) in rowsOf)
        {
            buffers[slotOf.Count] = new double[rows.Count];
            slotOf.Add(label, slotOf.Count);
        }

        var slots = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            slots[i] = slotOf[labels[i]];
        }

        var filled = new int[buffers.Length];
        var stats = new FeatureStats[columns.Count][];
        for (var j = 0; j < columns.Count; j++)
        {
            var (name, values) = columns[j];
            Array.Clear(filled);
            foreach (var row in summaries.AscendingRows(name))
            {
                var slot = slots[row];
                buffers[slot][filled[slot]++] = values[row];
            }

            var overallMean = summaries.Means[name];
            stats[j] = new FeatureStats[buffers.Length];
            for (var s = 0; s < buffers.Length; s++)
            {
                var mean = Mean(buffers[s]);
                stats[j][s] = new FeatureStats(mean, Quantile.Of(buffers[s], 50), overallMean == 0 ? double.NaN : mean / overallMean);
            }
        }

        return stats;
    }

    // Summed in array order, as Enumerable.Average does (so the same bits), without its generic code: a short sweep ran
    // that instantiation as unoptimised tier-0 code for every column of every trial.
    private static double Mean(double[] values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }
}
