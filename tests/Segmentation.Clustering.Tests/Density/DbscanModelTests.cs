using Segmentation.Clustering.Density;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Density;

public sealed class DbscanModelTests
{
    [Fact]
    public void Predict_TrainingCoreSamples_OwnLabelsAndNoiseFarAway()
    {
        var fixture = SklearnPartB.Load("blobs_300x2");
        var result = Dbscan.Fit(fixture.X, new DbscanOptions(0.8, 10));
        var predicted = result.Model.Predict(fixture.X);
        foreach (var i in result.CoreSampleIndices)
        {
            Assert.Equal(result.Labels[i], predicted[i]);
        }

        Assert.Equal(-1, result.Model.Predict([1000.0, 1000.0]));
    }

    [Fact]
    public void Predict_NearestCoreWithinEps_ElseNoise()
    {
        var model = new DbscanModel(1.0, 2, 2, Matrix.FromRows([[0.0], [0.5], [10.0], [10.5]]), [0, 0, 1, 1]);
        Assert.Equal(0, model.Predict([1.4]));
        Assert.Equal(1, model.Predict([9.0]));
        Assert.Equal(-1, model.Predict([5.0]));
        Assert.Equal([0, -1, 1], model.Predict(Matrix.FromRows([[-0.9], [-1.1], [11.0]])));
    }

    [Fact]
    public void Predict_BorderPointReachedFirstByAFartherCluster_KeepsItsFittedLabel()
    {
        // eps 1, min_samples 4: 1.15 is a border point of both clusters (core 0.2 at 0.95, core 2.0 at 0.85). Fit grows
        // cluster 0 first and gives it 1.15, as scikit-learn does; the nearest core is in cluster 1.
        var x = Matrix.FromRows([[0.0], [0.05], [0.1], [0.2], [1.15], [2.0], [2.3], [2.35], [2.4]]);
        var result = Dbscan.Fit(x, new DbscanOptions(1.0, 4));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], result.Labels);
        Assert.DoesNotContain(4, result.CoreSampleIndices);

        Assert.Equal(result.Labels, result.Model.Predict(x));
        Assert.Equal(0, result.Model.Predict([1.15]));
        Assert.Equal([[1.15]], result.Model.BorderSamples.ToRows());
        Assert.Equal([0], result.Model.BorderLabels);

        // Any other point follows the nearest-core rule, including one a hair from the stored border point.
        Assert.Equal(1, result.Model.Predict([Math.BitIncrement(1.15)]));
        var back = Assert.IsType<DbscanModel>(ClusterModelJson.Deserialize(ClusterModelJson.Serialize(result.Model)));
        Assert.Equal(result.Labels, back.Predict(x));
    }

    [Theory]
    [InlineData("blobs_250x3_overlap", 0.5, 5)]
    [InlineData("aniso_400x2", 0.3, 5)]
    [InlineData("blobs_300x2", 0.8, 10)]
    public void Predict_TrainingData_ReproducesFitLabelsExactly(string name, double eps, int minSamples)
    {
        var fixture = SklearnPartB.Load(name);
        var result = Dbscan.Fit(fixture.X, new DbscanOptions(eps, minSamples));
        Assert.Equal(result.Labels, result.Model.Predict(fixture.X));
    }

    [Fact]
    public void Deserialize_FolderWithoutBorderSamples_PredictsByNearestCore()
    {
        const string json = """{"kind": "dbscan", "eps": 1.0, "minSamples": 2, "clusterCount": 1, "coreSamples": [[0.0], [0.5]], "coreLabels": [0, 0]}""";
        var model = Assert.IsType<DbscanModel>(ClusterModelJson.Deserialize(json));
        Assert.Equal(0, model.BorderSamples.Rows);
        Assert.Equal([0, -1], model.Predict(Matrix.FromRows([[1.4], [1.6]])));
    }

    [Fact]
    public void Serialize_RoundTrip_SamePredictions()
    {
        var fixture = SklearnPartB.Load("aniso_400x2");
        var model = Dbscan.Fit(fixture.X, new DbscanOptions(0.3, 5)).Model;
        var json = ClusterModelJson.Serialize(model);
        Assert.Contains("\"kind\": \"dbscan\"", json, StringComparison.Ordinal);
        var back = Assert.IsType<DbscanModel>(ClusterModelJson.Deserialize(json));
        Assert.Equal(model.Predict(fixture.X), back.Predict(fixture.X));
        Assert.Equal("dbscan", back.Algorithm);
        Assert.Equal(model.ClusterCount, back.ClusterCount);
    }

    [Fact]
    public void Constructor_LabelOutOfRange_ThrowsNamingCoreLabels()
    {
        var error = Assert.Throws<ArgumentException>(() => new DbscanModel(1.0, 2, 1, Matrix.FromRows([[0.0]]), [3]));
        Assert.Equal("coreLabels", error.ParamName);
    }
}
