using Segmentation.Clustering.Mixture;
using Segmentation.Clustering.Tests.KMeans;

namespace Segmentation.Clustering.Tests.Mixture;

public sealed class GaussianMixtureTests
{
    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Diag)]
    [InlineData(CovarianceType.Spherical)]
    public void Fit_KMeansInitialisation_LabelsInRangeProbabilitiesSumToOne(CovarianceType type)
    {
        for (var seed = 0; seed < 8; seed++)
        {
            var x = KMeansTests.RandomData(seed + 50, 300, 2 + (seed % 3));
            var k = 2 + (seed % 3);
            var result = GaussianMixture.Fit(x, new GaussianMixtureOptions { Components = k, CovarianceType = type, Seed = seed, NInit = 2 });
            Assert.All(result.Labels, l => Assert.InRange(l, 0, k - 1));
            Assert.Equal(result.Labels, result.Model.Predict(x));
            var proba = result.Model.PredictProbabilities(x);
            for (var i = 0; i < x.Rows; i++)
            {
                var sum = 0.0;
                foreach (var p in proba.RowReadOnly(i))
                {
                    sum += p;
                }

                Assert.Equal(1.0, sum, 1e-12);
            }

            Assert.True(double.IsFinite(result.Score) && double.IsFinite(result.Bic) && double.IsFinite(result.Aic));
            Assert.Equal(result.Score, result.Model.Score(x), 1e-9);
        }
    }

    [Fact]
    public void Fit_SameSeedAnyParallelism_IdenticalResult()
    {
        var x = KMeansTests.RandomData(9, 9000, 3); // 18 row blocks: the row-parallel path engages
        var options = new GaussianMixtureOptions { Components = 4, Seed = 3, NInit = 2 };
        var serial = GaussianMixture.Fit(x, options with { MaxDegreeOfParallelism = 1 });
        var parallel = GaussianMixture.Fit(x, options with { MaxDegreeOfParallelism = 4 });
        Assert.Equal(serial.LowerBound, parallel.LowerBound);
        Assert.Equal(serial.Model.Means.Data, parallel.Model.Means.Data);
        Assert.Equal(serial.Model.PrecisionsCholesky, parallel.Model.PrecisionsCholesky);
        Assert.Equal(serial.Labels, parallel.Labels);
    }

    [Fact]
    public void Model_JsonRoundTrip_PredictsIdentically()
    {
        var x = KMeansTests.RandomData(4, 400, 3);
        var model = GaussianMixture.Fit(x, new GaussianMixtureOptions { Components = 3, CovarianceType = CovarianceType.Diag }).Model;
        var json = ClusterModelJson.Serialize(model);
        Assert.Contains("\"kind\": \"gmm\"", json, StringComparison.Ordinal);
        var back = Assert.IsType<GaussianMixtureModel>(ClusterModelJson.Deserialize(json));
        Assert.Equal(model.Predict(x), back.Predict(x));
        Assert.Equal(model.PredictProbabilities(x).Data, back.PredictProbabilities(x).Data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(401)]
    public void Fit_ComponentsOutOfRange_ThrowsNamingOption(int k)
    {
        var ex = Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(KMeansTests.RandomData(1, 400, 2), new GaussianMixtureOptions { Components = k }));
        Assert.Equal("Components", ex.ParamName);
    }

    [Fact]
    public void Fit_AllPointsIdentical_Throws()
    {
        var x = Matrix.FromRows([[1, 1], [1, 1], [1, 1], [1, 1]]);
        Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(x, new GaussianMixtureOptions { Components = 2 }));
    }

    [Fact]
    public void Fit_InfiniteFeature_ThrowsNamingX()
    {
        var x = KMeansTests.RandomData(1, 20, 2);
        x[5, 0] = double.PositiveInfinity;
        var ex = Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(x, new GaussianMixtureOptions { Components = 2 }));
        Assert.Equal("x", ex.ParamName);
    }

    [Fact]
    public void Fit_PrecisionsInitWrongLength_ThrowsNamingOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(
            KMeansTests.RandomData(1, 50, 2),
            new GaussianMixtureOptions { Components = 2, PrecisionsInit = [1, 2, 3] }));
        Assert.Equal("PrecisionsInit", ex.ParamName);
    }

    [Fact]
    public void Fit_CollapsedComponentWithoutRegularisation_ThrowsClearErrorNotNaN()
    {
        // Two distinct locations, three components, no regularisation: one component gets a singular covariance.
        var x = Matrix.FromRows([[0, 0], [0, 0], [0, 0], [4, 4], [4, 4], [4, 4]]);
        var ex = Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(x, new GaussianMixtureOptions { Components = 3, RegCovar = 0 }));
        Assert.Contains("RegCovar", ex.Message, StringComparison.Ordinal);
    }
}
