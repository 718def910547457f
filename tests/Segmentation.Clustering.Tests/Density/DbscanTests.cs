using Segmentation.Clustering.Density;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Density;

public sealed class DbscanTests
{
    public static TheoryData<string> Datasets() => [.. SklearnPartB.DatasetNames];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Fit_SklearnFixture_SameCoreNoiseAndLabels(string dataset)
    {
        var fixture = SklearnPartB.Load(dataset);
        Assert.NotEmpty(fixture.Raw.Dbscan);
        foreach (var expected in fixture.Raw.Dbscan)
        {
            var result = Dbscan.Fit(fixture.X, new DbscanOptions(expected.Eps, expected.MinSamples));
            var what = $"{dataset} eps={expected.Eps} min_samples={expected.MinSamples}";
            Assert.True(expected.Core.SequenceEqual(result.CoreSampleIndices), what + ": core samples differ");
            var expectedNoise = Enumerable.Range(0, expected.Labels.Length).Where(i => expected.Labels[i] == -1);
            var actualNoise = Enumerable.Range(0, result.Labels.Count).Where(i => result.Labels[i] == -1);
            Assert.True(expectedNoise.SequenceEqual(actualNoise), what + ": noise differs");

            // Clusters are grown in scikit-learn's order, so even ambiguous border points land in the same cluster.
            Assert.True(SklearnPartB.SamePartition(expected.Labels, [.. result.Labels]), what + ": labels differ");
            Assert.Equal(expected.Labels.Max() + 1, result.ClusterCount);
        }
    }

    [Fact]
    public void Fit_RandomInputs_MatchesBruteForceAndAnyParallelism()
    {
        var random = new Random(99);
        for (var trial = 0; trial < 25; trial++)
        {
            var n = random.Next(5, 400);
            var d = random.Next(1, 6);
            var x = new Matrix(n, d);
            for (var i = 0; i < x.Data.Length; i++)
            {
                x.Data[i] = random.NextDouble() * 10;
            }

            var eps = 0.3 + (random.NextDouble() * 2);
            var minSamples = random.Next(1, 8);
            var serial = Dbscan.Fit(x, new DbscanOptions(eps, minSamples, MaxDegreeOfParallelism: 1));
            var parallel = Dbscan.Fit(x, new DbscanOptions(eps, minSamples, MaxDegreeOfParallelism: 3));
            Assert.Equal(serial.Labels, parallel.Labels);

            var expectedCore = Enumerable.Range(0, n).Where(i =>
                Enumerable.Range(0, n).Count(j => System.Numerics.Tensors.TensorPrimitives.Distance(x.RowReadOnly(i), x.RowReadOnly(j)) <= eps) >= minSamples);
            Assert.Equal(expectedCore, serial.CoreSampleIndices);
            Assert.All(serial.Labels, l => Assert.InRange(l, -1, serial.ClusterCount - 1));
            Assert.All(serial.CoreSampleIndices, i => Assert.NotEqual(-1, serial.Labels[i]));
        }
    }

    [Fact]
    public void Fit_MinSamplesOne_NoNoise()
    {
        var x = Matrix.FromRows([[0.0], [0.5], [10.0]]);
        var result = Dbscan.Fit(x, new DbscanOptions(Eps: 1.0, MinSamples: 1));
        Assert.Equal([0, 0, 1], result.Labels);
        Assert.Equal(0.0, result.NoiseFraction);
    }

    [Fact]
    public void Fit_PointAtExactlyEps_IsNeighbour()
    {
        var x = Matrix.FromRows([[0.0], [1.0], [5.0]]);
        var result = Dbscan.Fit(x, new DbscanOptions(Eps: 1.0, MinSamples: 2));
        Assert.Equal([0, 0, -1], result.Labels);
        Assert.Equal([0, 1], result.CoreSampleIndices);
    }

    [Theory]
    [InlineData(0.0, 5, "Eps")]
    [InlineData(-1.0, 5, "Eps")]
    [InlineData(double.NaN, 5, "Eps")]
    [InlineData(0.5, 0, "MinSamples")]
    public void Fit_BadParameters_ThrowsNamingParameter(double eps, int minSamples, string parameter)
    {
        var x = Matrix.FromRows([[0.0], [1.0]]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Dbscan.Fit(x, new DbscanOptions(eps, minSamples)));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Fit_AllIdenticalOrOneSample_ThrowsNamingX()
    {
        var identical = Assert.Throws<ArgumentException>(() => Dbscan.Fit(Matrix.FromRows([[1.0], [1.0], [1.0]]), new DbscanOptions()));
        Assert.Equal("x", identical.ParamName);
        var single = Assert.Throws<ArgumentException>(() => Dbscan.Fit(Matrix.FromRows([[1.0]]), new DbscanOptions()));
        Assert.Equal("x", single.ParamName);
    }
}
