using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Metrics;

public sealed class CalinskiHarabaszTests
{
    public static TheoryData<string> Datasets() => [.. SklearnPartB.DatasetNames];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Score_SklearnFixture_Within1e9(string dataset)
    {
        var fixture = SklearnPartB.Load(dataset);
        foreach (var expected in fixture.Raw.Metrics)
        {
            SklearnPartB.AssertRelative(expected.CalinskiHarabasz, CalinskiHarabasz.Score(fixture.X, expected.Labels), 1e-9, $"{dataset} {expected.Name}");
        }
    }

    [Fact]
    public void Score_ByHand_MatchesFormula()
    {
        // Means 0.5 and 10.5, grand mean 5.5: extra = 2·25 + 2·25 = 100, intra = 4·0.25 = 1, (n−k)/(k−1) = 2.
        var x = Matrix.FromRows([[0.0], [1.0], [10.0], [11.0]]);
        Assert.Equal(200.0, CalinskiHarabasz.Score(x, [0, 0, 1, 1]), 12);
    }

    [Fact]
    public void Score_RepeatedPointsPerCluster_IsOne()
    {
        var x = Matrix.FromRows([[0.0], [0.0], [3.0], [3.0]]);
        Assert.Equal(1.0, CalinskiHarabasz.Score(x, [0, 0, 1, 1]));
    }

    [Fact]
    public void Score_EveryPointItsOwnCluster_ThrowsNamingLabels()
    {
        var error = Assert.Throws<ArgumentException>(() => CalinskiHarabasz.Score(Matrix.FromRows([[0.0], [1.0], [2.0]]), [0, 1, 2]));
        Assert.Equal("labels", error.ParamName);
    }
}
