using System.Text.Json;
using Segmentation.Clustering.Scaling;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Scaling;

public sealed class ScalerTests
{
    // Stated tolerance: 1e-9 (relative to max(1, |value|)) for transforms, offsets/scales and Yeo-Johnson lambdas alike.
    // The power references come from numpy's libm path (part A's generate.py sets NPY_DISABLE_CPU_FEATURES), where
    // YeoJohnson reproduces scikit-learn's likelihood to the last bit; see ScalerChainTests for why that matters.
    private const double TransformTolerance = 1e-9;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var dataset in new[] { "blobs_small", "blobs_5d", "aniso", "log_rfm" })
        {
            foreach (var scaler in ScalerNames.All.Where(s => s != ScalerNames.None))
            {
                data.Add(dataset, scaler);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_MatchesScikitLearn(string dataset, string scaler)
    {
        var fixture = SklearnFixture.Load(dataset);
        var expected = fixture.Root.GetProperty("scalers").GetProperty(scaler);
        var x = expected.GetProperty("input").GetString() == "shifted" ? fixture.Shifted() : fixture.X;
        var names = Enumerable.Range(0, x.Cols).Select(j => $"f{j}").ToArray();

        var fitted = Scaler.Fit(x, names, new ScalerSpec(scaler));

        var tolerance = TransformTolerance;
        if (expected.TryGetProperty("lambdas", out var lambdas))
        {
            SklearnFixture.AssertClose(SklearnFixture.ToVector(lambdas), fitted.Columns.Select(c => c.Lambda).ToArray(), tolerance, "lambda");
        }

        SklearnFixture.AssertClose(SklearnFixture.ToVector(expected.GetProperty("offset")), fitted.Columns.Select(c => c.Offset).ToArray(), tolerance, "offset");
        SklearnFixture.AssertClose(SklearnFixture.ToVector(expected.GetProperty("scale")), fitted.Columns.Select(c => c.Scale).ToArray(), tolerance, "scale");
        var head = SklearnFixture.ToMatrix(expected.GetProperty("head"));
        var transformed = fitted.Transform(new Matrix(x.Data[..(head.Rows * x.Cols)], head.Rows, x.Cols));
        SklearnFixture.AssertClose(head.Data, transformed.Data, tolerance, "transform");
    }

    [Fact]
    public void Fit_Log1pOnNegativeValue_ThrowsNamingFeatureAndRow()
    {
        var x = Matrix.FromRows([[1, 2], [3, -0.5]]);
        var ex = Assert.Throws<ArgumentException>(() => Scaler.Fit(x, ["a", "b"], new ScalerSpec(ScalerNames.Log1p)));
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_Log1pOnNegativeValueAtPredictTime_Throws()
    {
        var fitted = Scaler.Fit(Matrix.FromRows([[1.0], [2.0]]), ["a"], new ScalerSpec(ScalerNames.Log1pStandard));
        Assert.Throws<ArgumentException>(() => fitted.Transform(Matrix.FromRows([[-1.0]])));
    }

    [Fact]
    public void Fit_UnknownScalerName_ThrowsListingAllowedNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => Scaler.Fit(Matrix.FromRows([[1.0], [2.0]]), ["a"], new ScalerSpec("zscore")));
        Assert.Contains("robust", ex.Message, StringComparison.Ordinal);
        Assert.Contains("zscore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_PerColumnScalers_AppliesEachToItsColumn()
    {
        var x = Matrix.FromRows([[1, 10], [3, 30], [5, 50]]);
        var spec = new ScalerSpec(ScalerNames.Standard, new Dictionary<string, string> { ["b"] = ScalerNames.MaxAbs });
        var fitted = Scaler.Fit(x, ["a", "b"], spec);
        var t = fitted.Transform(x);
        Assert.Equal(ScalerNames.Standard, fitted.Columns[0].Name);
        Assert.Equal(1.0, t[2, 1], 12);
        Assert.Equal(0.0, t[1, 0], 12);
    }

    [Fact]
    public void Fit_ConstantColumn_ScaleIsOneNotNaN()
    {
        var fitted = Scaler.Fit(Matrix.FromRows([[2.0], [2.0], [2.0]]), ["a"], new ScalerSpec(ScalerNames.Standard));
        Assert.Equal(1.0, fitted.Columns[0].Scale);
        Assert.Equal(0.0, fitted.Transform(Matrix.FromRows([[2.0]]))[0, 0]);
    }

    [Fact]
    public void Fit_PowerOnConstantColumn_FiniteLambdaAndZeroOutput()
    {
        var fitted = Scaler.Fit(Matrix.FromRows([[3.0], [3.0], [3.0], [3.0]]), ["a"], new ScalerSpec(ScalerNames.Power));
        Assert.True(double.IsFinite(fitted.Columns[0].Lambda));
        Assert.Equal(0.0, fitted.Transform(Matrix.FromRows([[3.0]]))[0, 0]);
    }

    [Fact]
    public void FittedScaler_JsonRoundTrip_TransformsIdentically()
    {
        var x = SklearnFixture.Load("log_rfm").X;
        var fitted = Scaler.Fit(x, ["r", "f", "m"], new ScalerSpec(ScalerNames.Power));
        var back = JsonSerializer.Deserialize<FittedScaler>(JsonSerializer.Serialize(fitted, ClusterModelJson.Options), ClusterModelJson.Options)!;
        Assert.Equal(fitted.Transform(x).Data, back.Transform(x).Data);
    }
}
