using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Hierarchical;

public sealed class AgglomerativeModelTests
{
    [Theory]
    [InlineData("blobs_300x2", Linkage.Ward, 4)]
    [InlineData("blobs_600x5", Linkage.Complete, 6)]
    [InlineData("aniso_400x2", Linkage.Single, 3)]
    [InlineData("aniso_400x2", Linkage.Average, 5)]
    public void Predict_TrainingPoints_ReproducesTheCutExactly(string name, Linkage linkage, int k)
    {
        var fixture = SklearnPartB.Load(name);
        var labels = AgglomerativeTree.Build(fixture.X, linkage).Cut(k);
        var model = AgglomerativeModel.FromLabels(fixture.X, labels, linkage);
        Assert.Equal(k, model.ClusterCount);
        Assert.Equal(fixture.X.Cols, model.FeatureCount);

        Assert.Equal(labels, model.Predict(fixture.X));
    }

    [Fact]
    public void Predict_NewPoint_LabelOfNearestTrainingPointNotNearestCentroid()
    {
        // Cluster 0 is {0, 1, 2, 3, 14} (centroid 4), cluster 1 is {10}: 13 is nearer centroid 1 (3 away) than centroid 0
        // (9 away), but its nearest training point is 14, in cluster 0.
        var model = AgglomerativeModel.FromLabels(Matrix.FromRows([[0.0], [1.0], [2.0], [3.0], [14.0], [10.0]]), [0, 0, 0, 0, 0, 1], Linkage.Single);
        Assert.Equal(4.0, model.Centroids[0, 0]);
        Assert.Equal(0, model.Predict([13.0]));
        Assert.Equal(1, model.Predict([9.5]));
        Assert.Equal(1, model.Predict([6.6]));
        Assert.Equal(0, model.Predict([6.4]));
    }

    [Fact]
    public void Predict_TieBetweenTrainingPoints_LowestTrainingRowWins()
    {
        var model = AgglomerativeModel.FromLabels(Matrix.FromRows([[2.0], [0.0]]), [1, 0], Linkage.Ward);
        Assert.Equal(1, model.Predict([1.0]));
    }

    [Fact]
    public void Deserialize_FolderWithoutSamples_ThrowsSayingRefit()
    {
        const string json = """{"kind": "agglomerative", "linkage": "Ward", "centroids": [[0.0], [1.0]]}""";
        var error = Assert.Throws<ArgumentException>(() => ClusterModelJson.Deserialize(json));
        Assert.Contains("refit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_RoundTrip_KindAndPredictions()
    {
        var fixture = SklearnPartB.Load("blobs_600x5");
        var model = AgglomerativeModel.FromLabels(fixture.X, AgglomerativeTree.Build(fixture.X, Linkage.Complete).Cut(6), Linkage.Complete);
        var json = ClusterModelJson.Serialize(model);
        Assert.Contains("\"kind\": \"agglomerative\"", json, StringComparison.Ordinal);
        Assert.Contains("\"linkage\": \"Complete\"", json, StringComparison.Ordinal);
        var back = Assert.IsType<AgglomerativeModel>(ClusterModelJson.Deserialize(json));
        Assert.Equal(model.Predict(fixture.X), back.Predict(fixture.X));
    }

    [Fact]
    public void FromLabels_GapInLabels_ThrowsNamingLabels()
    {
        var error = Assert.Throws<ArgumentException>(() => AgglomerativeModel.FromLabels(Matrix.FromRows([[0.0], [1.0]]), [0, 2], Linkage.Ward));
        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Predict_WrongFeatureCount_Throws()
    {
        var model = AgglomerativeModel.FromLabels(Matrix.FromRows([[0.0], [1.0]]), [0, 1], Linkage.Ward);
        var error = Assert.Throws<ArgumentException>(() => model.Predict([1.0, 2.0]));
        Assert.Equal("x", error.ParamName);
    }
}
