using System.Globalization;
using System.Text;
using Segmentation.Clustering;

namespace Segmentation.Runner.Recording;

/// <summary>Per-segment profile of a clustering: size, share and the mean of each raw (unscaled) feature.</summary>
public static class ClusterProfile
{
    /// <summary>CSV with a header <c>segment,size,share,mean_&lt;feature&gt;…</c>; one row per segment ascending, noise (−1) first when present.</summary>
    public static string ToCsv(Matrix rawFeatures, IReadOnlyList<string> featureNames, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(rawFeatures);
        ArgumentNullException.ThrowIfNull(featureNames);
        // One hash lookup per row into dense slots, the segments put in order once at the end (a sorted tree's two lookups
        // per row cost more than the sums; this runs for every trial of a sweep).
        var slotOf = new Dictionary<int, int>();
        var counts = new List<int>();
        var totals = new List<double[]>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (!slotOf.TryGetValue(labels[i], out var slot))
            {
                slot = slotOf[labels[i]] = counts.Count;
                counts.Add(0);
                totals.Add(new double[rawFeatures.Cols]);
            }

            var row = rawFeatures.RowReadOnly(i);
            var total = totals[slot];
            for (var j = 0; j < row.Length; j++)
            {
                total[j] += row[j];
            }

            counts[slot]++;
        }

        var text = new StringBuilder("segment,size,share");
        foreach (var name in featureNames)
        {
            text.Append(",mean_").Append(name);
        }

        text.Append('\n');
        foreach (var (segment, slot) in slotOf.OrderBy(s => s.Key))
        {
            var (count, sum) = (counts[slot], totals[slot]);
            text.Append(segment.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(((double)count / labels.Length).ToString("G6", CultureInfo.InvariantCulture));
            foreach (var total in sum)
            {
                text.Append(',').Append((total / count).ToString("G6", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
