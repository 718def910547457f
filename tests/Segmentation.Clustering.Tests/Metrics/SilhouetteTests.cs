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

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Compute_EitherVectorWidth_SklearnScoreWithin1e9(string dataset)
    {
        // The 512-bit kernel runs where AVX-512 is accelerated, Vector<double> elsewhere: both are checked here.
        var fixture = SklearnPartB.Load(dataset);
        var cases = fixture.X.Rows > 1000 ? fixture.Raw.Metrics.Where((_, i) => i % 4 == 1) : fixture.Raw.Metrics;
        foreach (var expected in cases)
        {
            foreach (var wide in new[] { true, false })
            {
                var result = Silhouette.Compute(fixture.X, expected.Labels, SilhouetteOptions.Default, wide);
                SklearnPartB.AssertRelative(expected.Silhouette, result.Score, 1e-9, $"{dataset} {expected.Name} silhouette (wide: {wide})");
                if (expected.SilhouetteSamples is { } samples)
                {
                    for (var i = 0; i < samples.Length; i++)
                    {
                        Assert.Equal(samples[i], result.Values[i], 1e-9);
                    }
                }
            }
        }
    }

    [Fact]
    public void Compute_RandomInputs_BothWidthsEqualPairwiseReference()
    {
        // Sizes around the vector widths (tails, one-point clusters, clusters shorter than a vector) and widths
        // around the four-column groups, against a plain double loop over all pairs.
        var random = new Random(99);
        for (var trial = 0; trial < 40; trial++)
        {
            // Coordinates rounded to 0.1 so duplicate points (zero distances) and tied means occur.
            var (x, labels, k) = RandomCase(random, 3, 70, 10, 6, r => Math.Round((r.NextDouble() * 6) - 3, 1));
            var n = x.Rows;
            var expected = ReferenceSamples(x, labels, k);
            foreach (var wide in new[] { true, false })
            {
                var values = Silhouette.Compute(x, labels, new SilhouetteOptions(MaxDegreeOfParallelism: 1), wide).Values;
                for (var i = 0; i < n; i++)
                {
                    Assert.Equal(expected[i], values[i], 1e-12);
                }
            }
        }
    }

    [Fact]
    public void Compute_ZeroColumnsAppended_BitwiseSameValues()
    {
        // The kernel reads whole groups of four columns and then the rest one by one (no zero padding); a zero column
        // adds exactly +0 to a squared distance, so moving columns between the grouped and the one-by-one loops by
        // appending zeros must not change a single bit, at either vector width.
        var random = new Random(2024);
        for (var trial = 0; trial < 24; trial++)
        {
            var (x, labels, _) = RandomCase(random, 3, 90, 9, 5, r => (r.NextDouble() * 8) - 4);
            var serial = new SilhouetteOptions(MaxDegreeOfParallelism: 1);
            foreach (var wide in new[] { true, false })
            {
                var expected = Silhouette.Compute(x, labels, serial, wide).Values;
                for (var extra = 1; extra <= 4; extra++)
                {
                    var widened = new Matrix(x.Rows, x.Cols + extra);
                    for (var i = 0; i < x.Rows; i++)
                    {
                        x.RowReadOnly(i).CopyTo(widened.Row(i));
                    }

                    Assert.Equal(expected, Silhouette.Compute(widened, labels, serial, wide).Values);
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
            var (x, labels, _) = RandomCase(random, 4, 300, 9, 8, r => (r.NextDouble() * 4) - 2);

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

    /// <summary>
    /// A seeded random problem: rows in [minRows, maxRows), columns in [1, maxCols), 2..maxClusters clusters (the first
    /// k rows one per cluster, so every cluster is present), coordinates drawn by <paramref name="value"/>.
    /// </summary>
    private static (Matrix X, int[] Labels, int K) RandomCase(Random random, int minRows, int maxRows, int maxCols, int maxClusters, Func<Random, double> value)
    {
        var n = random.Next(minRows, maxRows);
        var d = random.Next(1, maxCols);
        var k = random.Next(2, Math.Min(maxClusters, n - 1) + 1);
        var x = new Matrix(n, d);
        for (var i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = value(random);
        }

        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i < k ? i : random.Next(k);
        }

        return (x, labels, k);
    }

    /// <summary>Silhouette per sample by the definition, every distance computed twice (d(i, j) and d(j, i)).</summary>
    private static double[] ReferenceSamples(Matrix x, int[] labels, int k)
    {
        var n = x.Rows;
        var values = new double[n];
        var counts = new int[k];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        for (var i = 0; i < n; i++)
        {
            var sums = new double[k];
            for (var j = 0; j < n; j++)
            {
                var squared = 0.0;
                for (var f = 0; f < x.Cols; f++)
                {
                    var diff = x[i, f] - x[j, f];
                    squared += diff * diff;
                }

                sums[labels[j]] += Math.Sqrt(squared);
            }

            var own = labels[i];
            if (counts[own] == 1)
            {
                continue;
            }

            var a = sums[own] / (counts[own] - 1);
            var b = Enumerable.Range(0, k).Where(c => c != own).Min(c => sums[c] / counts[c]);
            values[i] = Math.Max(a, b) == 0 ? 0 : (b - a) / Math.Max(a, b);
        }

        return values;
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
