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

    [Theory]
    [InlineData(CovarianceType.Full, 3)]
    [InlineData(CovarianceType.Full, 4)]
    [InlineData(CovarianceType.Full, 5)]
    [InlineData(CovarianceType.Full, 8)]
    [InlineData(CovarianceType.Full, 12)]
    [InlineData(CovarianceType.Tied, 4)]
    [InlineData(CovarianceType.Tied, 8)]
    public void Fit_OneIterationAnyWidth_ParametersAreResponsibilityMoments(CovarianceType type, int d)
    {
        // One EM iteration from an explicit start: the M-step's weights, means and covariances must equal the naive
        // responsibility-weighted moments, whichever vectorised scatter/density path the feature count selects.
        const int k = 3;
        var x = KMeansTests.RandomData(70 + d, 400, d);
        var means = new Matrix(k, d);
        for (var c = 0; c < k; c++)
        {
            x.RowReadOnly(c * 100).CopyTo(means.Row(c));
        }

        var blocks = type == CovarianceType.Full ? k : 1;
        var identity = new double[blocks * d * d];
        for (var b = 0; b < blocks; b++)
        {
            for (var f = 0; f < d; f++)
            {
                identity[(b * d * d) + (f * d) + f] = 0.25;
            }
        }

        var weights = new[] { 0.2, 0.3, 0.5 };
        var result = GaussianMixture.Fit(x, new GaussianMixtureOptions
        {
            Components = k, CovarianceType = type, MaxIterations = 1, WeightsInit = weights, MeansInit = means, PrecisionsInit = identity,
        });
        var factor = new double[identity.Length];
        for (var j = 0; j < factor.Length; j++)
        {
            factor[j] = identity[j] == 0 ? 0 : 0.5;
        }

        var resp = new GaussianMixtureModel(type, weights, means, factor).PredictProbabilities(x);
        var nk = new double[k];
        var expectedMeans = new double[k * d];
        for (var i = 0; i < x.Rows; i++)
        {
            for (var c = 0; c < k; c++)
            {
                nk[c] += resp[i, c];
                for (var f = 0; f < d; f++)
                {
                    expectedMeans[(c * d) + f] += resp[i, c] * x[i, f];
                }
            }
        }

        for (var c = 0; c < k; c++)
        {
            Assert.Equal(nk[c] / x.Rows, result.Model.Weights[c], 1e-9);
            for (var f = 0; f < d; f++)
            {
                expectedMeans[(c * d) + f] /= nk[c];
                Assert.Equal(expectedMeans[(c * d) + f], result.Model.Means[c, f], 1e-9);
            }
        }

        for (var b = 0; b < blocks; b++)
        {
            // Σ from the naive scatter, then check (P·Pᵀ)·Σ = I for the fitted precision factor P.
            var covariance = new double[d * d];
            for (var c = 0; c < k; c++)
            {
                if (type == CovarianceType.Full && c != b)
                {
                    continue;
                }

                for (var i = 0; i < x.Rows; i++)
                {
                    for (var f = 0; f < d; f++)
                    {
                        for (var g = 0; g < d; g++)
                        {
                            covariance[(f * d) + g] += resp[i, c] * (x[i, f] - expectedMeans[(c * d) + f]) * (x[i, g] - expectedMeans[(c * d) + g]);
                        }
                    }
                }
            }

            var mass = type == CovarianceType.Full ? nk[b] : x.Rows;
            for (var f = 0; f < d; f++)
            {
                for (var g = 0; g < d; g++)
                {
                    covariance[(f * d) + g] = (covariance[(f * d) + g] / mass) + (f == g ? 1e-6 : 0);
                }
            }

            var p = result.Model.PrecisionsCholesky.AsSpan(b * d * d, d * d);
            for (var f = 0; f < d; f++)
            {
                for (var g = 0; g < d; g++)
                {
                    var product = 0.0;
                    for (var m = 0; m < d; m++)
                    {
                        var precision = 0.0;
                        for (var q = 0; q < d; q++)
                        {
                            precision += p[(f * d) + q] * p[(m * d) + q];
                        }

                        product += precision * covariance[(m * d) + g];
                    }

                    Assert.Equal(f == g ? 1.0 : 0.0, product, 1e-7);
                }
            }
        }
    }
}
