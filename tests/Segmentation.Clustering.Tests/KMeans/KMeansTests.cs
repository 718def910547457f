using Segmentation.Clustering.KMeans;

namespace Segmentation.Clustering.Tests.KMeans;

public sealed class KMeansTests
{
    [Fact]
    public void Fit_ManySeededInputs_LloydInertiaNeverIncreasesAndLabelsInRange()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var x = RandomData(seed, 60 + (seed * 7), 1 + (seed % 4));
            var k = 2 + (seed % 6);
            var result = Fit(x, new KMeansOptions { Clusters = k, NInit = 2, Seed = seed, RecordInertiaTrace = true, Tolerance = 0 });
            var trace = result.InertiaTrace;
            Assert.NotEmpty(trace);
            for (var t = 1; t < trace.Count; t++)
            {
                Assert.True(trace[t] <= trace[t - 1] * (1 + 1e-12), $"seed {seed}: inertia rose from {trace[t - 1]} to {trace[t]} at iteration {t}");
            }

            Assert.True(result.Inertia <= trace[^1] * (1 + 1e-12));
            Assert.All(result.Labels, l => Assert.InRange(l, 0, k - 1));
            Assert.Equal(result.Labels, result.Model.Predict(x));
        }
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Lloyd)]
    [InlineData(KMeansAlgorithm.Elkan)]
    public void Fit_SameSeedAnyParallelism_IdenticalResult(KMeansAlgorithm algorithm)
    {
        // 9,000 rows = 18 row blocks: enough for the row-parallel path (RowChunks.MinParallelChunks) to engage.
        for (var seed = 0; seed < 3; seed++)
        {
            var x = RandomData(100 + seed, 9000, 3);
            var options = new KMeansOptions { Clusters = 4 + seed, NInit = 3, Seed = seed, Algorithm = algorithm };
            var serial = Fit(x, options with { MaxDegreeOfParallelism = 1 });
            var parallel = Fit(x, options with { MaxDegreeOfParallelism = 4 });
            var singleStart = Fit(x, options with { NInit = 1, MaxDegreeOfParallelism = 3 });
            var singleStartSerial = Fit(x, options with { NInit = 1, MaxDegreeOfParallelism = 1 });
            Assert.Equal(serial.Inertia, parallel.Inertia);
            Assert.Equal(serial.Labels, parallel.Labels);
            Assert.Equal(serial.Model.Centers.Data, parallel.Model.Centers.Data);
            Assert.Equal(singleStart.Model.Centers.Data, singleStartSerial.Model.Centers.Data);
        }
    }

    [Fact]
    public void Fit_ElkanAndLloyd_SameStartSameClustering()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var x = RandomData(200 + seed, 500, 2 + (seed % 3));
            var options = new KMeansOptions { Clusters = 3 + (seed % 4), NInit = 1, Seed = seed };
            var lloyd = Fit(x, options);
            var elkan = Fit(x, options with { Algorithm = KMeansAlgorithm.Elkan });
            Assert.Equal(lloyd.Inertia, elkan.Inertia, 1e-9 * lloyd.Inertia);
            Assert.Equal(lloyd.Labels, elkan.Labels);
        }
    }

    [Fact]
    public void Fit_DifferentSeeds_CanDiffer_SameSeedReproduces()
    {
        var x = RandomData(7, 400, 2);
        var a = Fit(x, new KMeansOptions { Clusters = 6, NInit = 1, Seed = 1 });
        var b = Fit(x, new KMeansOptions { Clusters = 6, NInit = 1, Seed = 1 });
        Assert.Equal(a.Model.Centers.Data, b.Model.Centers.Data);
    }

    [Fact]
    public void Fit_DuplicatePointsMoreClustersThanDistinct_RelocatesAndTerminates()
    {
        var x = Matrix.FromRows([[0, 0], [0, 0], [0, 0], [1, 1], [1, 1], [5, 5]]);
        var init = Matrix.FromRows([[0, 0], [0, 0], [0, 0], [1, 1]]);
        var result = Fit(x, new KMeansOptions { Clusters = 4, InitialCenters = init });
        Assert.True(double.IsFinite(result.Inertia));
        Assert.Equal(3, result.Labels.Distinct().Count());
        Assert.All(result.Labels, l => Assert.InRange(l, 0, 3));
        Assert.Equal(0, result.Inertia, 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    public void Fit_KOutOfRange_ThrowsNamingClustersAndValue(int k)
    {
        var ex = Assert.Throws<ArgumentException>(() => Fit(RandomData(1, 10, 2), new KMeansOptions { Clusters = k }));
        Assert.Equal("Clusters", ex.ParamName);
        Assert.Contains(k.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NaNFeature_ThrowsNamingX()
    {
        var x = RandomData(1, 10, 2);
        x[3, 1] = double.NaN;
        var ex = Assert.Throws<ArgumentException>(() => Fit(x, new KMeansOptions { Clusters = 2 }));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("row 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_AllPointsIdentical_Throws()
    {
        var x = Matrix.FromRows([[1, 2], [1, 2], [1, 2]]);
        var ex = Assert.Throws<ArgumentException>(() => Fit(x, new KMeansOptions { Clusters = 2 }));
        Assert.Contains("identical", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneSample_Throws()
    {
        Assert.Throws<ArgumentException>(() => Fit(Matrix.FromRows([[1, 2]]), new KMeansOptions { Clusters = 2 }));
    }

    [Fact]
    public void Fit_InitialCentersWrongShape_ThrowsNamingOption()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Fit(RandomData(1, 10, 2), new KMeansOptions { Clusters = 2, InitialCenters = Matrix.FromRows([[1, 2, 3], [4, 5, 6]]) }));
        Assert.Equal("InitialCenters", ex.ParamName);
    }

    [Fact]
    public void Model_JsonRoundTrip_PredictsIdentically()
    {
        var x = RandomData(3, 500, 3);
        var model = Fit(x, new KMeansOptions { Clusters = 5, NInit = 2 }).Model;
        var json = ClusterModelJson.Serialize(model);
        Assert.Contains("\"kind\": \"kmeans\"", json, StringComparison.Ordinal);
        var back = ClusterModelJson.Deserialize(json);
        Assert.IsType<KMeansModel>(back);
        Assert.Equal(model.Predict(x), back.Predict(x));
    }

    [Fact]
    public void Predict_WrongFeatureCount_Throws()
    {
        var model = Fit(RandomData(3, 50, 3), new KMeansOptions { Clusters = 2 }).Model;
        Assert.Throws<ArgumentException>(() => model.Predict(new double[] { 1, 2 }));
    }

    [Fact]
    public void Predict_TiedCentresAcrossSimdBlocks_LowestIndexOfTheNearest()
    {
        // Small integers keep ‖c‖² − 2·x·c exact, so the expected label is the lowest index at the exact minimum distance.
        // k up to 20 spans one to five SIMD blocks of 4 or 8 lanes; duplicated centres tie within and across blocks.
        var random = new SeededRandom(99);
        for (var k = 2; k <= 20; k++)
        {
            var d = 1 + (k % 3);
            var centers = new Matrix(k, d);
            for (var j = 0; j < k; j++)
            {
                var source = j > 0 && random.NextInt(3) == 0 ? random.NextInt(j) : -1;
                for (var f = 0; f < d; f++)
                {
                    centers[j, f] = source >= 0 ? centers[source, f] : random.NextInt(7) - 3;
                }
            }

            var model = new KMeansModel(centers);
            var row = new double[d];
            for (var trial = 0; trial < 200; trial++)
            {
                for (var f = 0; f < d; f++)
                {
                    row[f] = random.NextInt(9) - 4;
                }

                var expected = 0;
                var best = double.PositiveInfinity;
                for (var j = 0; j < k; j++)
                {
                    var distance = 0.0;
                    for (var f = 0; f < d; f++)
                    {
                        distance += (row[f] - centers[j, f]) * (row[f] - centers[j, f]);
                    }

                    if (distance < best)
                    {
                        best = distance;
                        expected = j;
                    }
                }

                Assert.Equal(expected, model.Predict(row));
            }
        }
    }

    private static KMeansResult Fit(Matrix x, KMeansOptions options) => Segmentation.Clustering.KMeans.KMeans.Fit(x, options);

    internal static Matrix RandomData(int seed, int n, int d)
    {
        var random = new SeededRandom((ulong)seed + 12345);
        var x = new Matrix(n, d);
        var centres = 1 + random.NextInt(6);
        for (var i = 0; i < n; i++)
        {
            var c = random.NextInt(centres);
            for (var f = 0; f < d; f++)
            {
                x[i, f] = (c * 3.0 * (f + 1)) + (random.NextDouble() * 2) - 1;
            }
        }

        return x;
    }
}
