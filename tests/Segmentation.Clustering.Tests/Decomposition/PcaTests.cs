using Segmentation.Clustering.Decomposition;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Decomposition;

public sealed class PcaTests
{
    // Stated tolerances: explained-variance ratios 1e-9; components and variances 1e-8 (relative to max(1, |value|)),
    // components compared with their signs as fitted (our svd_flip convention equals scikit-learn 1.2's).
    private const double RatioTolerance = 1e-9;
    private const double ComponentTolerance = 1e-8;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var dataset in new[] { "blobs_small", "blobs_5d", "aniso", "log_rfm" })
        {
            foreach (var variant in new[] { "all", "threshold0.9", "two_whiten" })
            {
                data.Add(dataset, variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_MatchesScikitLearnFullSvd(string dataset, string variant)
    {
        var fixture = SklearnFixture.Load(dataset);
        var expected = fixture.Root.GetProperty("pca").GetProperty(variant);
        var nComponents = expected.GetProperty("n_components");
        var spec = nComponents.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Null => new ReductionSpec(Components: fixture.X.Cols),
            _ when nComponents.TryGetInt32(out var c) => new ReductionSpec(Components: c, Whiten: expected.GetProperty("whiten").GetBoolean()),
            _ => new ReductionSpec(VarianceThreshold: nComponents.GetDouble()),
        };

        var pca = Pca.Fit(fixture.X, spec);

        var components = SklearnFixture.ToMatrix(expected.GetProperty("components"));
        Assert.Equal(components.Rows, pca.ComponentCount);
        SklearnFixture.AssertClose(SklearnFixture.ToVector(expected.GetProperty("ratio")), pca.ExplainedVarianceRatio, RatioTolerance, "ratio");
        SklearnFixture.AssertClose(SklearnFixture.ToVector(expected.GetProperty("explained_variance")), pca.ExplainedVariance, ComponentTolerance, "variance");
        SklearnFixture.AssertClose(components.Data, pca.Components.Data, ComponentTolerance, "components");
        var head = SklearnFixture.ToMatrix(expected.GetProperty("head"));
        var transformed = pca.Transform(new Matrix(fixture.X.Data[..(head.Rows * fixture.X.Cols)], head.Rows, fixture.X.Cols));
        SklearnFixture.AssertClose(head.Data, transformed.Data, ComponentTolerance, "transform");
    }

    [Fact]
    public void Validate_ThresholdOutsideOpenInterval_ThrowsNamingKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => Pca.Fit(Matrix.FromRows([[1, 2], [3, 5], [2, 2]]), new ReductionSpec(VarianceThreshold: 1.0)));
        Assert.Equal("VarianceThreshold", ex.ParamName);
    }

    [Fact]
    public void Validate_TooManyComponents_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Pca.Fit(Matrix.FromRows([[1, 2], [3, 5], [2, 2]]), new ReductionSpec(Components: 3)));
        Assert.Contains("3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_IdenticalPoints_Throws()
    {
        Assert.Throws<ArgumentException>(() => Pca.Fit(Matrix.FromRows([[1, 2], [1, 2], [1, 2]]), new ReductionSpec(Components: 1)));
    }
}
