using System.Text.Json;
using Segmentation.Clustering.Mixture;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Mixture;

public sealed class GaussianMixtureParityTests
{
    // Stated tolerances: lower bound and score (mean log-likelihood) 1e-6 absolute from the same initialisation;
    // weights and means 1e-6; posterior probabilities 1e-6; BIC/AIC 1e-6 relative.
    private const double Tolerance = 1e-6;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var dataset in new[] { "blobs_small", "blobs_5d", "aniso", "log_rfm" })
        {
            foreach (var type in new[] { "full", "tied", "diag", "spherical" })
            {
                data.Add(dataset, type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_SameInitialisation_MatchesScikitLearn(string dataset, string covarianceType)
    {
        var fixture = SklearnFixture.Load(dataset);
        var expected = fixture.Root.GetProperty("gmm").EnumerateArray().Single(g => g.GetProperty("covariance_type").GetString() == covarianceType);
        var options = new GaussianMixtureOptions
        {
            Components = expected.GetProperty("k").GetInt32(),
            CovarianceType = Enum.Parse<CovarianceType>(covarianceType, ignoreCase: true),
            WeightsInit = SklearnFixture.ToVector(expected.GetProperty("weights_init")),
            MeansInit = SklearnFixture.ToMatrix(expected.GetProperty("means_init")),
            PrecisionsInit = Flatten(expected.GetProperty("precisions_init")).ToArray(),
        };

        var result = GaussianMixture.Fit(fixture.X, options);

        SklearnFixture.AssertClose(expected.GetProperty("lower_bound").GetDouble(), result.LowerBound, Tolerance, "lower bound");
        SklearnFixture.AssertClose(expected.GetProperty("score").GetDouble(), result.Score, Tolerance, "score");
        Assert.Equal(expected.GetProperty("n_iter").GetInt32(), result.Iterations);
        Assert.Equal(expected.GetProperty("converged").GetBoolean(), result.Converged);
        SklearnFixture.AssertClose(expected.GetProperty("bic").GetDouble(), result.Bic, Tolerance, "bic");
        SklearnFixture.AssertClose(expected.GetProperty("aic").GetDouble(), result.Aic, Tolerance, "aic");
        SklearnFixture.AssertClose(SklearnFixture.ToVector(expected.GetProperty("weights")), result.Model.Weights, Tolerance, "weights");
        SklearnFixture.AssertClose(SklearnFixture.ToMatrix(expected.GetProperty("means")).Data, result.Model.Means.Data, Tolerance, "means");
        SklearnFixture.AssertClose(expected.GetProperty("score").GetDouble(), result.Model.Score(fixture.X), Tolerance, "model score");

        var headRows = SklearnFixture.ToMatrix(expected.GetProperty("proba_head"));
        var head = new Matrix(fixture.X.Data[..(headRows.Rows * fixture.X.Cols)], headRows.Rows, fixture.X.Cols);
        SklearnFixture.AssertClose(headRows.Data, result.Model.PredictProbabilities(head).Data, Tolerance, "predict_proba");
        Assert.Equal(expected.GetProperty("labels_head").EnumerateArray().Select(l => l.GetInt32()), result.Model.Predict(head));
    }

    private static IEnumerable<double> Flatten(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().SelectMany(Flatten) : [element.GetDouble()];
}
