using System.Globalization;
using System.Text;
using Segmentation.Clustering;
using Segmentation.Data.Products;

namespace Segmentation.Runner.Recording;

/// <summary>Per-segment profile of a clustering: size, share and the mean of each raw (unscaled) feature.</summary>
public static class ClusterProfile
{
    /// <summary>CSV with a header <c>segment,size,share,mean_&lt;feature&gt;…</c>; one row per segment ascending, noise (−1) first when present.</summary>
    public static string ToCsv(Matrix rawFeatures, IReadOnlyList<string> featureNames, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(rawFeatures);
        ArgumentNullException.ThrowIfNull(featureNames);
        // Dense slots in label order (one table read per row), each segment's sums added in row order; this runs for every
        // trial of a sweep, as ReadyToRun code that calls (not inlines) another assembly's members, so the loop indexes arrays.
        if (labels.Length > rawFeatures.Rows)
        {
            throw new ArgumentException($"{labels.Length} labels for {rawFeatures.Rows} rows", nameof(labels));
        }

        var slots = SegmentSlots.Of(labels);
        var (cols, values, slotOfRow) = (rawFeatures.Cols, rawFeatures.Data, slots.SlotOfRow);
        var totals = new double[slots.Count * cols];
        for (var i = 0; i < slotOfRow.Length; i++)
        {
            var total = slotOfRow[i] * cols;
            for (var j = 0; j < cols; j++)
            {
                totals[total + j] += values[(i * cols) + j];
            }
        }

        var text = new StringBuilder("segment,size,share");
        foreach (var name in featureNames)
        {
            text.Append(",mean_").Append(name);
        }

        text.Append('\n');
        for (var slot = 0; slot < slots.Count; slot++)
        {
            var count = slots.Sizes[slot];
            text.Append(slots.Labels[slot].ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(((double)count / labels.Length).ToString("G6", CultureInfo.InvariantCulture));
            foreach (var total in totals.AsSpan(slot * rawFeatures.Cols, rawFeatures.Cols))
            {
                text.Append(',').Append((total / count).ToString("G6", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
