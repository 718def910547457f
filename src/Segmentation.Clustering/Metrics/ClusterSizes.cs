namespace Segmentation.Clustering.Metrics;

/// <summary>How many points each cluster holds, and the smallest and largest cluster as a fraction of all points.</summary>
/// <param name="Labels">The distinct cluster labels, ascending (noise excluded).</param>
/// <param name="Counts">Points per cluster, aligned with <paramref name="Labels"/>.</param>
/// <param name="NoiseCount">Points labelled −1.</param>
/// <param name="Total">All points, noise included.</param>
public sealed record ClusterSizes(IReadOnlyList<int> Labels, IReadOnlyList<int> Counts, int NoiseCount, int Total)
{
    /// <summary>Smallest cluster's share of all points (noise included in the denominator).</summary>
    public double MinFraction => Counts.Count == 0 ? 0.0 : (double)Counts.Min() / Total;

    /// <summary>Largest cluster's share of all points (noise included in the denominator).</summary>
    public double MaxFraction => Counts.Count == 0 ? 0.0 : (double)Counts.Max() / Total;

    /// <summary>Share of points labelled noise (−1).</summary>
    public double NoiseFraction => Total == 0 ? 0.0 : (double)NoiseCount / Total;

    /// <summary>Counts the clusters of <paramref name="labels"/>; labels must be >= 0 or −1 for noise.</summary>
    /// <exception cref="ArgumentException">An empty label array or a label below −1.</exception>
    public static ClusterSizes Of(ReadOnlySpan<int> labels)
    {
        if (labels.IsEmpty)
        {
            throw new ArgumentException("labels is empty; cluster sizes need at least one point.", nameof(labels));
        }

        var set = LabelSet.Create(labels, nameof(labels));
        return new ClusterSizes(set.OriginalLabels, set.Counts, labels.Length - set.Kept.Length, labels.Length);
    }
}
