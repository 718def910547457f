using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Stability;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Stability;

public sealed class RefitStabilityTests
{
    [Fact]
    public void Compute_SameSeedAnyParallelism_SameNumbers()
    {
        var x = SklearnPartB.Load("blobs_250x3_overlap").X;
        var reference = Fit(x, 4).Predict(x);

        var one = RefitStability.Compute(x, reference, m => Fit(m, 4), 8, 17, maxParallel: 1);
        var four = RefitStability.Compute(x, reference, m => Fit(m, 4), 8, 17, maxParallel: 4);
        var other = RefitStability.Compute(x, reference, m => Fit(m, 4), 8, 18, maxParallel: 2);

        Assert.Equal(one.Scores, four.Scores);
        Assert.Equal((one.Mean, one.Min), (four.Mean, four.Min));
        Assert.NotEqual(one.Scores, other.Scores);
        Assert.Equal(one.Scores.Min(), one.Min);
    }

    [Fact]
    public void Compute_WellSeparatedTrueK_NearOneAndAboveOverSplit()
    {
        var x = SklearnPartB.Load("blobs_300x2").X;
        var right = RefitStability.Compute(x, Fit(x, 4).Predict(x), m => Fit(m, 4), 6, 1, 2);
        var wrong = RefitStability.Compute(x, Fit(x, 9).Predict(x), m => Fit(m, 9), 6, 1, 2);

        Assert.True(right.Min > 0.95, right.Min.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(right.Mean > wrong.Mean);
    }

    [Fact]
    public void Compute_ReferenceOfWrongLength_ThrowsNamingReference()
    {
        var x = Matrix.FromRows([[0.0], [1.0], [2.0]]);
        var error = Assert.Throws<ArgumentException>(() => RefitStability.Compute(x, [0, 1], m => Fit(m, 2), 2, 0));
        Assert.Equal("reference", error.ParamName);
    }

    [Fact]
    public void ResampleSeed_DependsOnSeedAndIndexOnly()
    {
        Assert.Equal(RefitStability.ResampleSeed(5, 3), RefitStability.ResampleSeed(5, 3));
        Assert.NotEqual(RefitStability.ResampleSeed(5, 3), RefitStability.ResampleSeed(5, 4));
        Assert.NotEqual(RefitStability.ResampleSeed(5, 3), RefitStability.ResampleSeed(6, 3));
        Assert.True(RefitStability.ResampleSeed(int.MaxValue, int.MaxValue) >= 0);
    }

    private static KMeansModel Fit(Matrix x, int k) =>
        Clustering.KMeans.KMeans.Fit(x, new KMeansOptions { Clusters = k, NInit = 2, Seed = 3, MaxDegreeOfParallelism = 1 }).Model;
}
