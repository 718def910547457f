using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.KMeans;

public sealed class KMeansParityTests
{
    // Stated tolerances: inertia from the same initial centres 1e-6 relative; centres 1e-6;
    // best-of-10 inertia at most 0.1 % above scikit-learn's best-of-10 (different random streams).
    private const double SameStartTolerance = 1e-6;
    private const double BestOfTolerance = 1e-3;

    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var dataset in new[] { "blobs_small", "blobs_5d", "aniso", "log_rfm" })
        {
            foreach (var k in new[] { 3, 5 })
            {
                data.Add(dataset, k, "lloyd");
                data.Add(dataset, k, "elkan");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_SameInitialCenters_MatchesScikitLearn(string dataset, int k, string algorithm)
    {
        var fixture = SklearnFixture.Load(dataset);
        var expected = fixture.Root.GetProperty("kmeans").EnumerateArray().Single(c => c.GetProperty("k").GetInt32() == k);
        var rows = expected.GetProperty("initial_rows").EnumerateArray().Select(r => r.GetInt32()).ToArray();
        var init = Matrix.FromRows(rows.Select(r => fixture.X.RowReadOnly(r).ToArray()).ToArray());
        var run = expected.GetProperty("runs").GetProperty(algorithm);

        var result = Segmentation.Clustering.KMeans.KMeans.Fit(fixture.X, new KMeansOptions
        {
            Clusters = k,
            InitialCenters = init,
            Algorithm = algorithm == "elkan" ? KMeansAlgorithm.Elkan : KMeansAlgorithm.Lloyd,
        });

        var expectedInertia = run.GetProperty("inertia").GetDouble();
        Assert.True(
            Math.Abs(result.Inertia - expectedInertia) <= SameStartTolerance * expectedInertia,
            FormattableString.Invariant($"inertia {result.Inertia:R} vs scikit-learn {expectedInertia:R}"));
        Assert.Equal(run.GetProperty("n_iter").GetInt32(), result.Iterations);
        SklearnFixture.AssertClose(SklearnFixture.ToMatrix(run.GetProperty("centers")).Data, result.Model.Centers.Data, SameStartTolerance, "centers");
    }

    [Theory]
    [MemberData(nameof(SklearnFixture.Names), MemberType = typeof(SklearnFixture))]
    public void Fit_BestOfTenStarts_NoWorseThanScikitLearn(string dataset)
    {
        var fixture = SklearnFixture.Load(dataset);
        foreach (var expected in fixture.Root.GetProperty("kmeans").EnumerateArray())
        {
            var k = expected.GetProperty("k").GetInt32();
            var sklearn = expected.GetProperty("best_of_10").GetProperty("inertia").GetDouble();
            var result = Segmentation.Clustering.KMeans.KMeans.Fit(fixture.X, new KMeansOptions { Clusters = k, NInit = 10, Seed = 0 });
            Assert.True(
                result.Inertia <= sklearn * (1 + BestOfTolerance),
                FormattableString.Invariant($"k={k}: ours {result.Inertia:R} vs scikit-learn {sklearn:R}"));
        }
    }
}
