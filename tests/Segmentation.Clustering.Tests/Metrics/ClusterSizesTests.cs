using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Tests.Metrics;

public sealed class ClusterSizesTests
{
    [Fact]
    public void Of_MixedLabels_CountsAndFractions()
    {
        var sizes = ClusterSizes.Of([2, 0, 2, -1, 2, 0, 7, -1]);
        Assert.Equal([0, 2, 7], sizes.Labels);
        Assert.Equal([2, 3, 1], sizes.Counts);
        Assert.Equal(2, sizes.NoiseCount);
        Assert.Equal(1.0 / 8, sizes.MinFraction);
        Assert.Equal(3.0 / 8, sizes.MaxFraction);
        Assert.Equal(0.25, sizes.NoiseFraction);
    }

    [Fact]
    public void Of_LabelBelowMinusOne_ThrowsNamingIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterSizes.Of([0, -2]));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[1] = -2", error.Message, StringComparison.Ordinal);
    }
}
