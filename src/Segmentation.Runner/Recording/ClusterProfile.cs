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
        // trial of a sweep.
        var slots = SegmentSlots.Of(labels);
        var totals = new double[slots.Count * rawFeatures.Cols];
        for (var i = 0; i < labels.Length; i++)
        {
            var row = rawFeatures.RowReadOnly(i);
            var total = totals.AsSpan(slots.SlotOfRow[i] * row.Length, row.Length);
            for (var j = 0; j < row.Length; j++)
            {
                total[j] += row[j];
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
