using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Hierarchical;

public sealed class AgglomerativeModelTests
{
    [Fact]
    public void Predict_Blobs_AgreesWithWardCutOnAlmostAllPoints()
    {
        var fixture = SklearnPartB.Load("blobs_300x2");
        var labels = AgglomerativeTree.Build(fixture.X, Linkage.Ward).Cut(4);
        var model = AgglomerativeModel.FromLabels(fixture.X, labels, Linkage.Ward);
        Assert.Equal(4, model.ClusterCount);
        Assert.Equal(2, model.FeatureCount);

        // Nearest centroid is not the tree's rule, so a few points between blobs may move; the bulk must not.
        var predicted = model.Predict(fixture.X);
        var agree = labels.Zip(predicted).Count(p => p.First == p.Second);
        Assert.True(agree >= 0.97 * labels.Length, $"{agree} of {labels.Length} agree");
    }

    [Fact]
    public void Predict_NearestCentroid()
    {
        var model = AgglomerativeModel.FromLabels(Matrix.FromRows([[0.0], [2.0], [10.0]]), [0, 0, 1], Linkage.Average);
        Assert.Equal(1.0, model.Centroids[0, 0]);
        Assert.Equal(0, model.Predict([5.4]));
        Assert.Equal(1, model.Predict([5.6]));
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
