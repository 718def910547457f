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
