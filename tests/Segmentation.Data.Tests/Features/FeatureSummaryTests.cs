using Segmentation.Data.Features;

namespace Segmentation.Data.Tests.Features;

public sealed class FeatureSummaryTests
{
    [Fact]
    public void Of_SmallColumn_MatchesHandComputedMoments()
    {
        // Values 1, 2, 3, 10: mean 4, population variance (9 + 4 + 1 + 36) / 4 = 12.5, m3 = (-27 - 8 - 1 + 216) / 4 = 45.
        var summary = FeatureSummary.Of("x", [1, 2, 3, 10]);

        Assert.Equal(4, summary.Mean);
        Assert.Equal(Math.Sqrt(12.5), summary.Std, 12);
        Assert.Equal(1, summary.Min);
        Assert.Equal(2.5, summary.Median);
        Assert.Equal(10, summary.Max);
        Assert.Equal(45 / Math.Pow(12.5, 1.5), summary.Skew, 12);
    }

    [Fact]
    public void Of_ConstantColumn_SkewIsZero() => Assert.Equal(0, FeatureSummary.Of("x", [5, 5, 5]).Skew);
}
