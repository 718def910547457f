using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.Stability;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Stability;

public sealed class BootstrapStabilityTests
{
    private static int[] Ward(Matrix x, int k) => AgglomerativeTree.Build(x, Linkage.Ward).Cut(k);

    [Fact]
    public void Compute_SameSeed_SameScore()
    {
        var x = SklearnPartB.Load("blobs_250x3_overlap").X;
        var options = new StabilityOptions(Resamples: 5, Seed: 3);
        var first = BootstrapStability.Compute(x, m => Ward(m, 3), options);
        var second = BootstrapStability.Compute(x, m => Ward(m, 3), options);
        Assert.Equal(first.Score, second.Score);
        Assert.Equal(10, first.PairScores.Count);
        Assert.NotEqual(first.Score, BootstrapStability.Compute(x, m => Ward(m, 3), options with { Seed = 4 }).Score);
    }

    [Fact]
    public void Compute_WellSeparatedTrueK_MoreStableThanOverSplit()
    {
        var x = SklearnPartB.Load("blobs_300x2").X;
        var options = new StabilityOptions(Resamples: 4, Seed: 1);
        var right = BootstrapStability.Compute(x, m => Ward(m, 4), options);
        var wrong = BootstrapStability.Compute(x, m => Ward(m, 9), options);
        Assert.True(right.Score > 0.85, right.Score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(right.Score > wrong.Score);
    }

    [Fact]
    public void Compute_FitReturnsWrongLength_ThrowsNamingFit()
    {
        var x = Matrix.FromRows([[0.0], [1.0], [2.0]]);
        var error = Assert.Throws<ArgumentException>(() => BootstrapStability.Compute(x, _ => [0, 1]));
        Assert.Equal("fit", error.ParamName);
    }

    [Fact]
    public void Options_OneResample_ThrowsNamingResamples()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BootstrapStability.Compute(Matrix.FromRows([[0.0], [1.0]]), m => new int[m.Rows], new StabilityOptions(Resamples: 1)));
        Assert.Equal("Resamples", error.ParamName);
    }
}
