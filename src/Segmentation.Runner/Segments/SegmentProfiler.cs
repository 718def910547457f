using Segmentation.Data.Products;
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

        // Dense slots in label order and plain loops: this runs for every trial of a sweep, where a sorted tree of row lists
        // and LINQ's generic code (compiled at run time) cost more than the statistics.
        var slots = SegmentSlots.Of(labels);
        var count = labels.Length;
        var summaries = ColumnSummaries.Of(data);
        var columns = data.Columns;
        var stats = Stats(summaries, columns, slots);
        var revenue = data.Revenue;
        var totalRevenue = revenue?.Sum() ?? double.NaN;
        // Each segment's revenue summed in row order, as summing its rows one by one does.
        var segmentRevenue = new double[slots.Count];
        if (revenue is not null)
        {
            var slotOfRow = slots.SlotOfRow;
            for (var i = 0; i < slotOfRow.Length; i++)
            {
                segmentRevenue[slotOfRow[i]] += revenue[i];
            }
        }

        var profiles = new List<SegmentProfile>(slots.Count);
        for (var s = 0; s < slots.Count; s++)
        {
            var features = new List<KeyValuePair<string, FeatureStats>>(columns.Count);
            for (var j = 0; j < columns.Count; j++)
            {
                features.Add(new KeyValuePair<string, FeatureStats>(columns[j].Key, stats[j][s]));
            }

            var size = slots.Sizes[s];
            profiles.Add(new SegmentProfile(
                slots.Labels[s],
                size,
                (double)size / count,
                totalRevenue > 0 ? segmentRevenue[s] / totalRevenue : double.NaN,
                features));
        }

        var named = SegmentNamer.Name(profiles, data, names);
        return [.. named.Select(p => p with { Description = SegmentDescriber.Describe(p) })];
    }

    // stats[column][segment]. Each column is walked once in its ascending order (sorted once per table), dealing every value to
    // its segment, so each segment's values arrive sorted without a sort per trial: the mean is summed in ascending order and
    // the median interpolated as before, bit for bit.
    private static FeatureStats[][] Stats(ColumnSummaries summaries, IReadOnlyList<KeyValuePair<string, double[]>> columns, SegmentSlots slots)
    {
        var buffers = new double[slots.Count][];
        for (var s = 0; s < buffers.Length; s++)
        {
            buffers[s] = new double[slots.Sizes[s]];
        }

        var slotOfRow = slots.SlotOfRow;
        var filled = new int[buffers.Length];
        var stats = new FeatureStats[columns.Count][];
        for (var j = 0; j < columns.Count; j++)
        {
            var name = columns[j].Key;
            var (rows, values) = summaries.Ascending(name);
            Array.Clear(filled);
            for (var t = 0; t < rows.Length; t++)
            {
                var slot = slotOfRow[rows[t]];
                buffers[slot][filled[slot]++] = values[t];
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
