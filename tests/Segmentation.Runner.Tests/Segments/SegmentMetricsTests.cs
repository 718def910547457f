using Segmentation.Runner.Configuration;
using Segmentation.Runner.Segments;

namespace Segmentation.Runner.Tests.Segments;

public sealed class SegmentMetricsTests
{
    [Fact]
    public void AddTo_LargestSegmentByCustomers_ItsRevenueShare()
    {
        var metrics = new Dictionary<string, double>();
        // Segment 1 has the most customers (3) but only 30 of the 100 revenue; noise (−1) counts in the total only.
        SegmentMetrics.AddTo(metrics, [0, 1, 1, 1, -1], [60, 10, 10, 10, 10]);
        Assert.Equal(0.3, metrics[MetricNames.LargestSegmentRevenueShare], 12);
    }

    [Fact]
    public void AddTo_TieOnSize_LowerLabelWins()
    {
        var metrics = new Dictionary<string, double>();
        SegmentMetrics.AddTo(metrics, [1, 1, 0, 0], [1, 1, 3, 5]);
        Assert.Equal(0.8, metrics[MetricNames.LargestSegmentRevenueShare], 12);
    }

    [Fact]
    public void AddTo_NoRevenueOrNonPositiveTotal_LeavesMetricOut()
    {
        var metrics = new Dictionary<string, double>();
        SegmentMetrics.AddTo(metrics, [0, 1], null);
        SegmentMetrics.AddTo(metrics, [0, 1], [5, -5]);
        Assert.Empty(metrics);
    }
}
