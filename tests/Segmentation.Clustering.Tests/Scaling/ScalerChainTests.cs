using System.Text.Json;
using Segmentation.Clustering.Scaling;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Scaling;

public sealed class ScalerChainTests
{
    // Stated tolerance (relative to max(1, |value|)): 1e-9 for every chain, power steps included. The power chains' reference
    // is generated on numpy's libm path (generate.py sets NPY_DISABLE_CPU_FEATURES): numpy's AVX-512 log1p/pow round
    // differently from the C library and move scikit-learn's own lambda by ~4e-8 (power_spread.py). Against libm
    // arithmetic, YeoJohnson computes the same likelihoods to the last bit (the C library's log1p and pow, numpy's pairwise
    // sums and np.var), so Brent takes the same steps and the lambda is scikit-learn's exactly.
    private const double TransformTolerance = 1e-9;
    
    private static readonly Lazy<JsonElement> Chains = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sklearn_part_c", "chains.json")));
        return doc.RootElement.Clone();
    });

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var dataset in SklearnFixture.Names)
        {
            foreach (var chain in new[] { "log1p+robust", "log1p+minmax", "log1p+power", "log1p+maxabs", "robust+minmax", "power+minmax" })
            {
                data.Add(dataset, chain);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_Chain_MatchesScikitLearnPipeline(string dataset, string chain)
    {
        var expected = Chains.Value.GetProperty("datasets").GetProperty(dataset).GetProperty(chain);
        var x = SklearnFixture.Load(dataset).Shifted();
        var names = Enumerable.Range(0, x.Cols).Select(j => $"f{j}").ToArray();

        var fitted = Scaler.Fit(x, names, new ScalerSpec(chain));

        var tolerance = TransformTolerance;
        var head = SklearnFixture.ToMatrix(expected.GetProperty("head"));
        var transformed = fitted.Transform(new Matrix(x.Data[..(head.Rows * x.Cols)], head.Rows, x.Cols));
        SklearnFixture.AssertClose(head.Data, transformed.Data, tolerance, chain + " transform");
        var all = fitted.Transform(x);
        var means = Enumerable.Range(0, x.Cols).Select(j => all.Column(j).Average()).ToArray();
        SklearnFixture.AssertClose(SklearnFixture.ToVector(expected.GetProperty("all_mean")), means, tolerance, chain + " column means");
    }

    [Fact]
    public void Fit_Log1pThenAffine_OneStepLikeLog1pStandard()
    {
        var x = SklearnFixture.Load("log_rfm").Shifted();
        var fitted = Scaler.Fit(x, ["r", "f", "m"], new ScalerSpec(ScalerNames.Log1pRobust));
        Assert.All(fitted.Columns, c => Assert.Null(c.Steps));
        Assert.All(fitted.Columns, c => Assert.Equal(ColumnTransform.Log1p, c.Transform));
    }

    [Fact]
    public void Fit_Log1pStandard_SameNumbersAsBeforeChains()
    {
        // log1p+standard now goes through the chain path; its one-step layout and values must not move.
        var x = SklearnFixture.Load("log_rfm").Shifted();
        var column = x.Column(2);
        var fitted = Scaler.FitColumn(column, "m", ScalerNames.Log1pStandard);
        var logs = column.Select(v => Math.Log(1 + v)).ToArray();
        var mean = logs.Average();
        Assert.Equal(ColumnTransform.Log1p, fitted.Transform);
        Assert.Null(fitted.Steps);
        Assert.Equal(mean, fitted.Offset, 12);
    }

    [Fact]
    public void FittedScaler_ChainJsonRoundTrip_TransformsIdentically()
    {
        var x = SklearnFixture.Load("log_rfm").Shifted();
        var fitted = Scaler.Fit(x, ["r", "f", "m"], new ScalerSpec(ScalerNames.Log1pPower));
        var json = JsonSerializer.Serialize(fitted, ClusterModelJson.Options);
        var back = JsonSerializer.Deserialize<FittedScaler>(json, ClusterModelJson.Options)!;
        Assert.Contains("\"steps\"", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(fitted.Transform(x).Data, back.Transform(x).Data);
    }

    [Fact]
    public void FittedScaler_SingleStepJson_HasNoStepsProperty()
    {
        var fitted = Scaler.Fit(Matrix.FromRows([[1.0], [2.0], [4.0]]), ["a"], new ScalerSpec(ScalerNames.Robust));
        Assert.DoesNotContain("steps", JsonSerializer.Serialize(fitted, ClusterModelJson.Options), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("log1p+zscore")]
    [InlineData("none+standard")]
    [InlineData("log1p+")]
    [InlineData("+")]
    public void Validate_BadChain_ThrowsListingSteps(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => ScalerNames.Validate(name, "scaler"));
        Assert.Contains("chain of", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_Chain_StepsInOrder()
    {
        Assert.Equal(["log1p", "robust", "minmax"], ScalerNames.Split("log1p+robust+minmax"));
        Assert.Equal(["log1p", "standard"], ScalerNames.Split(ScalerNames.Log1pStandard));
        Assert.Equal(["power"], ScalerNames.Split(ScalerNames.Power));
        Assert.Equal("log1p+robust", ScalerNames.Join(["log1p", "robust"]));
    }

    [Fact]
    public void Transform_Log1pChainOnNegativeValueAtPredictTime_Throws()
    {
        var fitted = Scaler.Fit(Matrix.FromRows([[1.0], [2.0], [5.0]]), ["a"], new ScalerSpec(ScalerNames.Log1pPower));
        Assert.Throws<ArgumentException>(() => fitted.Transform(Matrix.FromRows([[-1.0]])));
    }
}
