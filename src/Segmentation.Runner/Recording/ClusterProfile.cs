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
        var sums = new SortedDictionary<int, (int Count, double[] Sum)>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (!sums.TryGetValue(labels[i], out var entry))
            {
                entry = (0, new double[rawFeatures.Cols]);
            }

            var row = rawFeatures.RowReadOnly(i);
            for (var j = 0; j < row.Length; j++)
            {
                entry.Sum[j] += row[j];
            }

            sums[labels[i]] = (entry.Count + 1, entry.Sum);
        }

        var text = new StringBuilder("segment,size,share");
        foreach (var name in featureNames)
        {
            text.Append(",mean_").Append(name);
        }

        text.Append('\n');
        foreach (var (segment, (count, sum)) in sums)
        {
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
