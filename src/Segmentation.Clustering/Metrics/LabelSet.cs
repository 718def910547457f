namespace Segmentation.Clustering.Metrics;

/// <summary>
/// Labels compacted for metric computation: noise (−1) dropped, the remaining labels mapped to 0..k−1 in
/// ascending order of the original label (as scikit-learn's LabelEncoder does), with per-cluster counts.
/// </summary>
internal sealed class LabelSet
{
    private LabelSet(int[] kept, int[] compact, int[] counts, int[] originalLabels)
    {
        Kept = kept;
        Compact = compact;
        Counts = counts;
        OriginalLabels = originalLabels;
    }

    /// <summary>Original row indices of the non-noise points, ascending.</summary>
    public int[] Kept { get; }

    /// <summary>Compact label (0..k−1) of each kept point, aligned with <see cref="Kept"/>.</summary>
    public int[] Compact { get; }

    /// <summary>Number of kept points in each compact cluster.</summary>
    public int[] Counts { get; }

    /// <summary>The original label of each compact cluster.</summary>
    public int[] OriginalLabels { get; }

    /// <summary>Number of clusters among kept points.</summary>
    public int ClusterCount => Counts.Length;

    /// <summary>Compacts <paramref name="labels"/>; labels below −1 are rejected.</summary>
    public static LabelSet Create(ReadOnlySpan<int> labels, string paramName)
    {
        var keptCount = 0;
        var max = -1;
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label < -1)
            {
                throw new ArgumentException(
                    InputChecks.Invariant($"{paramName}[{i}] = {label}; labels must be >= 0, or -1 for noise."), paramName);
            }

            if (label >= 0)
            {
                keptCount++;
                max = Math.Max(max, label);
            }
        }

        // Labels are small non-negative integers in practice; a lookup table keeps this O(n) without hashing.
        var present = max < 4 * labels.Length + 1024 ? null : new Dictionary<int, int>();
        var table = present is null ? new int[max + 1] : [];
        var distinct = new List<int>();
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label < 0)
            {
                continue;
            }

            if (present is null)
            {
                if (table[label] == 0)
                {
                    table[label] = 1;
                    distinct.Add(label);
                }
            }
            else if (present.TryAdd(label, 0))
            {
                distinct.Add(label);
            }
        }

        distinct.Sort();
        for (var c = 0; c < distinct.Count; c++)
        {
            if (present is null)
            {
                table[distinct[c]] = c;
            }
            else
            {
                present[distinct[c]] = c;
            }
        }

        var kept = new int[keptCount];
        var compact = new int[keptCount];
        var counts = new int[distinct.Count];
        var p = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label < 0)
            {
                continue;
            }

            var c = present is null ? table[label] : present[label];
            kept[p] = i;
            compact[p] = c;
            counts[c]++;
            p++;
        }

        return new LabelSet(kept, compact, counts, [.. distinct]);
    }

    /// <summary>
    /// The checks every label-based metric starts with: finite <paramref name="x"/>, one label per row, and
    /// 2 &lt;= clusters &lt;= non-noise samples − 1; returns the label set of the non-noise points.
    /// </summary>
    public static LabelSet ForMetric(Matrix x, ReadOnlySpan<int> labels, string metric)
    {
        InputChecks.Matrix(x, nameof(x));
        InputChecks.LabelCount(labels.Length, x.Rows, nameof(labels));
        var set = Create(labels, nameof(labels));
        set.RequireMetricRange(nameof(labels), metric);
        return set;
    }

    /// <summary>Throws unless 2 &lt;= clusters &lt;= kept samples − 1, the range in which the metrics are defined.</summary>
    public void RequireMetricRange(string paramName, string metric)
    {
        if (ClusterCount < 2 || ClusterCount > Kept.Length - 1)
        {
            throw new ArgumentException(
                InputChecks.Invariant(
                    $"{paramName} has {ClusterCount} cluster(s) among {Kept.Length} non-noise samples; {metric} needs 2 <= clusters <= samples - 1."),
                paramName);
        }
    }
}
