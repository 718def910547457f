using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Metrics;

public sealed class SilhouetteTests
{
    public static TheoryData<string> Datasets() => [.. SklearnPartB.DatasetNames];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Compute_SklearnFixture_ScoreWithin1e9(string dataset)
    {
        var fixture = SklearnPartB.Load(dataset);
        var cache = PairwiseDistances.Compute(fixture.X);

        // The large matrix is checked on a spread of its labelings (every kind of algorithm) to keep the suite fast.
        var cases = fixture.X.Rows > 1000 ? fixture.Raw.Metrics.Where((_, i) => i % 4 == 0) : fixture.Raw.Metrics;
        foreach (var expected in cases)
        {
            var onTheFly = Silhouette.Compute(fixture.X, expected.Labels);
            var cached = Silhouette.Compute(cache, expected.Labels);
            SklearnPartB.AssertRelative(expected.Silhouette, onTheFly.Score, 1e-9, $"{dataset} {expected.Name} silhouette");
            SklearnPartB.AssertRelative(expected.Silhouette, cached.Score, 1e-9, $"{dataset} {expected.Name} silhouette (cache)");
            if (expected.SilhouetteSamples is { } samples)
            {
                Assert.Equal(samples.Length, onTheFly.Values.Count);
                for (var i = 0; i < samples.Length; i++)
                {
                    Assert.Equal(samples[i], onTheFly.Values[i], 1e-9);
                    Assert.Equal(samples[i], cached.Values[i], 1e-9);
                }
            }
        }
    }

    [Fact]
    public void Compute_NoiseLabels_ExcludedFromScoreAndSamples()
    {
        var fixture = SklearnPartB.Load("blobs_300x2");
        var withNoise = fixture.Raw.Metrics.First(m => m.Name.StartsWith("dbscan", StringComparison.Ordinal) && m.Labels.Contains(-1));
        var result = Silhouette.Compute(fixture.X, withNoise.Labels);
        Assert.Equal(withNoise.Labels.Count(l => l != -1), result.Indices.Count);
        Assert.DoesNotContain(-1, result.Labels);
        SklearnPartB.AssertRelative(withNoise.Silhouette, result.Score, 1e-9, "silhouette without noise");
    }

    [Fact]
    public void Compute_SingletonCluster_ScoresZero()
    {
        var x = Matrix.FromRows([[0.0], [0.1], [5.0], [5.2], [9.0]]);
        var result = Silhouette.Compute(x, [0, 0, 1, 1, 2]);
        Assert.Equal(0.0, result.Values[4]);
        Assert.True(result.Values[0] > 0.9);
    }

    [Fact]
    public void Compute_SampleSize_EqualsExactScoreOfTheDrawnSubset()
    {
        var fixture = SklearnPartB.Load("blobs_600x5");
        var labels = fixture.Raw.Metrics[0].Labels;
        var options = new SilhouetteOptions(SampleSize: 150, Seed: 7);
        var sampled = Silhouette.Compute(fixture.X, labels, options);
        Assert.Equal(150, sampled.Indices.Count);
        Assert.Equal(sampled.Score, Silhouette.Compute(fixture.X, labels, options).Score);
        Assert.NotEqual(sampled.Indices, Silhouette.Compute(fixture.X, labels, options with { Seed = 8 }).Indices);

        var subset = new Matrix(sampled.Indices.Count, fixture.X.Cols);
        for (var p = 0; p < sampled.Indices.Count; p++)
        {
            fixture.X.RowReadOnly(sampled.Indices[p]).CopyTo(subset.Row(p));
        }

        var exact = Silhouette.Score(subset, sampled.Labels.ToArray());
        Assert.Equal(exact, sampled.Score, 14);
        Assert.Equal(sampled.Score, Silhouette.Compute(PairwiseDistances.Compute(fixture.X), labels, options).Score, 12);
    }

    [Fact]
    public void Compute_RandomInputs_InRangeAndIndependentOfParallelism()
    {
        var random = new Random(1234);
        for (var trial = 0; trial < 30; trial++)
        {
            var n = random.Next(4, 300);
            var d = random.Next(1, 9);
            var k = random.Next(2, Math.Min(8, n - 1) + 1);
            var x = new Matrix(n, d);
            for (var i = 0; i < x.Data.Length; i++)
            {
                x.Data[i] = (random.NextDouble() * 4) - 2;
            }

            var labels = new int[n];
            for (var i = 0; i < n; i++)
            {
                labels[i] = i < k ? i : random.Next(k);
            }

            var serial = Silhouette.Compute(x, labels, new SilhouetteOptions(MaxDegreeOfParallelism: 1));
            var parallel = Silhouette.Compute(x, labels, new SilhouetteOptions(MaxDegreeOfParallelism: 4));
            Assert.Equal(serial.Score, parallel.Score);
            Assert.Equal(serial.Values, parallel.Values);
            Assert.All(serial.Values, v => Assert.InRange(v, -1.0, 1.0));
            Assert.InRange(serial.Score, -1.0, 1.0);

            var cache = PairwiseDistances.Compute(x, maxDegreeOfParallelism: 3);
            var cachedSerial = Silhouette.Compute(cache, labels, new SilhouetteOptions(MaxDegreeOfParallelism: 1));
            Assert.Equal(cachedSerial.Score, Silhouette.Compute(cache, labels, new SilhouetteOptions(MaxDegreeOfParallelism: 2)).Score);
            Assert.Equal(serial.Score, cachedSerial.Score, 12);
        }
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0 })]
    [InlineData(new[] { 0, 1, 2, 3 })]
    [InlineData(new[] { -1, -1, -1, 0 })]
    public void Compute_DegenerateClusterCount_ThrowsNamingLabels(int[] labels)
    {
        var x = Matrix.FromRows([[0.0], [1.0], [2.0], [3.0]]);
        var error = Assert.Throws<ArgumentException>(() => Silhouette.Compute(x, labels));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("2 <= clusters <= samples - 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_LabelCountMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Silhouette.Compute(Matrix.FromRows([[0.0], [1.0], [2.0]]), [0, 1]));
        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Compute_Infinity_ThrowsNamingX()
    {
        var error = Assert.Throws<ArgumentException>(() => Silhouette.Compute(Matrix.FromRows([[0.0], [double.PositiveInfinity], [2.0]]), [0, 1, 1]));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_SampleSizeBelowTwo_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Silhouette.Compute(Matrix.FromRows([[0.0], [1.0], [2.0]]), [0, 1, 1], new SilhouetteOptions(SampleSize: 1)));
        Assert.Equal("SampleSize", error.ParamName);
    }
}
