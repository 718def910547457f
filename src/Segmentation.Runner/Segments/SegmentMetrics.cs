using Segmentation.Clustering.Metrics;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Segments;

/// <summary>Business-facing quality numbers of a segmentation that need more than the clustered matrix: revenue concentration.</summary>
public static class SegmentMetrics
{
    /// <summary>
    /// <c>largest_segment_revenue_share</c>: the revenue of the segment with the most customers (noise excluded; ties go to
    /// the lower label) over the total revenue. Absent when there is no revenue column, no cluster, or no positive total.
    /// </summary>
    public static void AddTo(IDictionary<string, double> metrics, ReadOnlySpan<int> labels, IReadOnlyList<double>? revenue)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (revenue is null || revenue.Count != labels.Length)
        {
            return;
        }

        var sizes = ClusterSizes.Of(labels);
        if (sizes.Counts.Count == 0)
        {
            return;
        }

        var largest = Enumerable.Range(0, sizes.Counts.Count).OrderByDescending(c => sizes.Counts[c]).ThenBy(c => sizes.Labels[c]).Select(c => sizes.Labels[c]).First();
        double total = 0, inLargest = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            total += revenue[i];
            if (labels[i] == largest)
            {
                inLargest += revenue[i];
            }
        }

        // Net revenue can be zero or negative when returns dominate; a share of that means nothing.
        if (total > 0)
        {
            metrics[MetricNames.LargestSegmentRevenueShare] = inLargest / total;
        }
    }
}
