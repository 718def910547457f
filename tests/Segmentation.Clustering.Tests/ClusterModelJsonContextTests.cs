using System.Text.Json;
using Segmentation.Clustering.Decomposition;
using Segmentation.Clustering.Density;
using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Mixture;
using Segmentation.Clustering.Pipeline;
using Segmentation.Clustering.Scaling;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests;

public sealed class ClusterModelJsonContextTests
{
    private static readonly string[] Names = ["recency", "frequency", "monetary"];

    public static TheoryData<string, string, int?, CovarianceType> Cases() => new()
    {
        { "kmeans", ScalerNames.Standard, null, CovarianceType.Full },
        { "kmeans", ScalerNames.Log1pRobust, 2, CovarianceType.Full },
        { "gmm", ScalerNames.Power, null, CovarianceType.Full },
        { "gmm", ScalerNames.MinMax, 2, CovarianceType.Diag },
        { "gmm", ScalerNames.MaxAbs, null, CovarianceType.Spherical },
        { "gmm", ScalerNames.Log1pStandard, null, CovarianceType.Tied },
        { "agglomerative", ScalerNames.Robust, null, CovarianceType.Full },
        { "dbscan", ScalerNames.Standard, null, CovarianceType.Full },
        { "dbscan", ScalerNames.None, 2, CovarianceType.Full },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToJson_SourceGeneratedMetadata_WritesWhatReflectionWrites(string algorithm, string scaler, int? components, CovarianceType covariance)
    {
        // ClusterModelJson.Options resolves through the source-generated ClusterModelJsonContext; the reflection-based
        // resolver with the same settings and the same "kind" modifier is the reference, so stored models keep their bytes.
        var pipeline = Fit(algorithm, scaler, components, covariance);
        var reflection = ClusterModelJson.ReflectionOptions();

        var json = pipeline.ToJson();

        Assert.Equal(JsonSerializer.Serialize(pipeline, reflection), json);
        Assert.Equal(JsonSerializer.Serialize(pipeline.Model, reflection), ClusterModelJson.Serialize(pipeline.Model));
        Assert.Equal(JsonSerializer.Serialize(pipeline.Preprocessor.Scaler, reflection), JsonSerializer.Serialize(pipeline.Preprocessor.Scaler, ClusterModelJson.Options));
        // Read back by either resolver, the pipeline writes the same JSON again.
        Assert.Equal(json, FittedPipeline.FromJson(json).ToJson());
        Assert.Equal(json, JsonSerializer.Deserialize<FittedPipeline>(json, reflection)!.ToJson());
    }

    [Fact]
    public void Context_EveryRegisteredKind_HasSourceGeneratedMetadata()
    {
        // A model kind added with [ClusterModelKind] but not listed on the context would fail at its first serialisation.
        Assert.NotEmpty(ClusterModelJson.RegisteredKinds);
        foreach (var (type, kind) in ClusterModelJson.RegisteredKinds)
        {
            Assert.True(ClusterModelJsonContext.Default.GetTypeInfo(type) is not null, $"kind '{kind}' ({type.Name}) is missing from ClusterModelJsonContext");
        }
    }

    [Fact]
    public void Options_ResolverIsTheSourceGeneratedContext_NotReflection()
    {
        // The sweep's path must not fall back to reflection: a type outside the context has no metadata.
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new { Outside = 1 }, ClusterModelJson.Options));
    }

    private static FittedPipeline Fit(string algorithm, string scaler, int? components, CovarianceType covariance)
    {
        var x = SklearnFixture.Load("log_rfm").X;
        var pre = Preprocessor.Fit(x, Names, new ScalerSpec(scaler), new ReductionSpec(components, null, false));
        var z = pre.Transform(x);
        IClusterModel model = algorithm switch
        {
            "kmeans" => Segmentation.Clustering.KMeans.KMeans.Fit(z, new KMeansOptions { Clusters = 4, NInit = 1 }).Model,
            "gmm" => GaussianMixture.Fit(z, new GaussianMixtureOptions { Components = 3, CovarianceType = covariance }).Model,
            "agglomerative" => AgglomerativeModel.FromLabels(z, Segmentation.Clustering.KMeans.KMeans.Fit(z, new KMeansOptions { Clusters = 3, NInit = 1 }).Labels, Linkage.Ward),
            _ => Dbscan.Fit(z, new DbscanOptions(Eps: 0.5, MinSamples: 5)).Model,
        };
        return new FittedPipeline(pre, model);
    }
}
