using Segmentation.Clustering.Decomposition;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Mixture;
using Segmentation.Clustering.Pipeline;
using Segmentation.Clustering.Scaling;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Pipeline;

public sealed class FittedPipelineTests
{
    private static readonly string[] Names = ["recency", "frequency", "monetary"];

    public static TheoryData<string, int?, double?, bool, string> Cases() => new()
    {
        { ScalerNames.Standard, null, null, false, "kmeans" },
        { ScalerNames.Robust, 2, null, false, "kmeans" },
        { ScalerNames.Power, null, 0.9, true, "gmm" },
        { ScalerNames.Log1pStandard, 2, null, true, "gmm" },
        { ScalerNames.MinMax, null, null, false, "gmm" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToJson_RoundTrip_PredictsIdenticalLabels(string scaler, int? components, double? threshold, bool whiten, string algorithm)
    {
        var x = SklearnFixture.Load("log_rfm").X;
        var pre = Preprocessor.Fit(x, Names, new ScalerSpec(scaler), new ReductionSpec(components, threshold, whiten));
        var z = pre.Transform(x);
        IClusterModel model = algorithm == "kmeans"
            ? Segmentation.Clustering.KMeans.KMeans.Fit(z, new KMeansOptions { Clusters = 4, NInit = 2 }).Model
            : GaussianMixture.Fit(z, new GaussianMixtureOptions { Components = 3 }).Model;
        var pipeline = new FittedPipeline(pre, model);

        var json = pipeline.ToJson();
        var back = FittedPipeline.FromJson(json);

        Assert.Equal(pipeline.Predict(x, Names), back.Predict(x, Names));
        Assert.Equal(model.Predict(z), back.Predict(x, Names));
        Assert.Equal(Names, back.FeatureNames);
        Assert.Equal(algorithm, back.Model.Algorithm);
        Assert.Equal(json, back.ToJson());
    }

    [Fact]
    public void Predict_WrongFeatureNames_ThrowsListingMissingAndUnexpected()
    {
        var pipeline = SmallPipeline();
        var ex = Assert.Throws<ArgumentException>(() => pipeline.Predict(Matrix.FromRows([[1, 2, 3]]), ["recency", "freq", "monetary"]));
        Assert.Contains("missing: [frequency]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected: [freq]", ex.Message, StringComparison.Ordinal);
        Assert.Equal("featureNames", ex.ParamName);
    }

    [Fact]
    public void Predict_ReorderedFeatureNames_Throws()
    {
        var pipeline = SmallPipeline();
        var ex = Assert.Throws<ArgumentException>(() => pipeline.Predict(Matrix.FromRows([[1, 2, 3]]), ["frequency", "recency", "monetary"]));
        Assert.Contains("different order", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_WrongColumnCount_Throws()
    {
        var pipeline = SmallPipeline();
        var ex = Assert.Throws<ArgumentException>(() => pipeline.Preprocessor.Transform(Matrix.FromRows([[1, 2]])));
        Assert.Contains("expects 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_Malformed_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => FittedPipeline.FromJson("{\"preprocessor\": 3}"));
        Assert.Throws<ArgumentException>(() => FittedPipeline.FromJson("{}"));
    }

    [Fact]
    public void FromJson_UnknownModelKind_Throws()
    {
        var json = SmallPipeline().ToJson().Replace("\"kind\": \"kmeans\"", "\"kind\": \"spectral\"", StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FittedPipeline.FromJson(json));
    }

    [Fact]
    public void Fit_DuplicateFeatureNames_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Preprocessor.Fit(Matrix.FromRows([[1, 2], [3, 4]]), ["a", "a"], ScalerSpec.None, ReductionSpec.None));
        Assert.Equal("featureNames", ex.ParamName);
    }

    private static FittedPipeline SmallPipeline()
    {
        var x = Matrix.FromRows([[1, 2, 3], [2, 3, 4], [10, 11, 12], [11, 12, 13]]);
        var pre = Preprocessor.Fit(x, Names, new ScalerSpec(ScalerNames.Standard), ReductionSpec.None);
        var model = Segmentation.Clustering.KMeans.KMeans.Fit(pre.Transform(x), new KMeansOptions { Clusters = 2, NInit = 1 }).Model;
        return new FittedPipeline(pre, model);
    }
}
