using Segmentation.Runner.Segments;

namespace Segmentation.Runner.Tests.Segments;

public sealed class SegmentDescriberTests
{
    [Fact]
    public void Describe_RfmFeatures_IssueWording()
    {
        var profile = new SegmentProfile(
            0,
            1046,
            0.2418,
            0.6112,
            [
                new("recency_days", new FeatureStats(14.2, 9, 0.15)),
                new("frequency", new FeatureStats(12, 9, 2.6)),
                new("monetary", new FeatureStats(7800, 3100, 4.12)),
                new("avg_days_between_purchases", new FeatureStats(22, 19, 0.4)),
            ]);

        Assert.Equal(
            "1,046 customers (24 %), 61 % of revenue: buy every 19 days, last bought 9 days ago, spend 4.1× the average",
            SegmentDescriber.Describe(profile));
    }

    [Fact]
    public void Describe_OneTimeBuyersAndNoRevenue_LeavesThoseClausesOut()
    {
        var profile = new SegmentProfile(
            1,
            12,
            0.5,
            double.NaN,
            [new("recency_days", new FeatureStats(200, 210, 2)), new("frequency", new FeatureStats(1, 1, 0.3)), new("avg_days_between_purchases", new FeatureStats(0, 0, 0))]);

        Assert.Equal("12 customers (50 %): last bought 210 days ago", SegmentDescriber.Describe(profile));
    }
}
