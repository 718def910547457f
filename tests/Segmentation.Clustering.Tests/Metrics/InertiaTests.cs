using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Metrics;

public sealed class InertiaTests
{
    [Fact]
    public void Score_SklearnFixture_Within1e9()
    {
        foreach (var name in SklearnPartB.DatasetNames)
        {
            var fixture = SklearnPartB.Load(name);
            foreach (var expected in fixture.Raw.Metrics)
            {
                SklearnPartB.AssertRelative(expected.Inertia, Inertia.Score(fixture.X, expected.Labels), 1e-9, $"{name} {expected.Name}");
            }
        }
    }

    [Fact]
    public void Score_NoiseLeftOut()
    {
        var x = Matrix.FromRows([[0.0], [2.0], [100.0]]);
        Assert.Equal(2.0, Inertia.Score(x, [0, 0, -1]));
    }

    [Fact]
    public void Score_AllNoise_ThrowsNamingLabels()
    {
        var error = Assert.Throws<ArgumentException>(() => Inertia.Score(Matrix.FromRows([[0.0], [2.0]]), [-1, -1]));
        Assert.Equal("labels", error.ParamName);
    }
}
