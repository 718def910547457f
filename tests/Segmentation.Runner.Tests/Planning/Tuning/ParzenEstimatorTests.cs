using Segmentation.Runner.Planning.Tuning;

namespace Segmentation.Runner.Tests.Planning.Tuning;

public sealed class ParzenEstimatorTests
{
    [Fact]
    public void Constructor_OneObservation_PriorAndObservationWithTheAdaptiveBandwidths()
    {
        // On [0, 1]: the prior is N(0.5, 1); with m = 2 components the smallest σ is 1 / min(100, 1 + 2) = 1/3, and the
        // observation's single gap (0.5 − 0.2 = 0.3) is clipped up to it. Weights 1 : prior_weight 1.
        var estimator = new ParzenEstimator([0.2], 0, 1, 1.0);

        Assert.Equal([0.2, 0.5], estimator.Means);
        Assert.Equal(1.0 / 3, estimator.Sigmas[0], 12);
        Assert.Equal(1.0, estimator.Sigmas[1], 12);
        Assert.Equal([0.5, 0.5], estimator.Weights.Select(w => Math.Round(w, 12)));
    }

    [Fact]
    public void Constructor_ThreeObservations_EachSigmaIsTheLargerNeighbourGapClipped()
    {
        // Sorted with the prior: 0.1, 0.15, [0.5], 0.9; m = 4 so σ ∈ [1/5, 1]. 0.1: gap 0.05 → 0.2; 0.15: max(0.05, 0.35);
        // the prior keeps 1; 0.9: its one gap 0.4.
        var estimator = new ParzenEstimator([0.9, 0.1, 0.15], 0, 1, 1.0);

        Assert.Equal([0.1, 0.15, 0.5, 0.9], estimator.Means);
        Assert.Equal([0.2, 0.35, 1.0, 0.4], estimator.Sigmas.Select(s => Math.Round(s, 12)));
        Assert.All(estimator.Weights, w => Assert.Equal(0.25, w, 12));
    }

    [Theory]
    // x = 0.2: 0.5·φ(0; σ=1/3)/(Φ(2.4) − Φ(−0.6)) + 0.5·φ(−0.3; σ=1)/(Φ(0.5) − Φ(−0.5))
    //        = 0.5·1.196827/0.717549 + 0.5·0.381388/0.382925 = 1.331961
    [InlineData(0.2, 1.3319612561871357)]
    // x = 0.9: 0.5·φ(0.7; σ=1/3)/0.717549 + 0.5·φ(0.4; σ=1)/0.382925 = 0.5·0.131950/0.717549 + 0.5·0.368270/0.382925 = 0.572810
    [InlineData(0.9, 0.5728101245134227)]
    public void LogDensity_OneObservation_MatchesTheTruncatedMixtureByHand(double x, double expected)
    {
        var estimator = new ParzenEstimator([0.2], 0, 1, 1.0);

        Assert.Equal(expected, Math.Exp(estimator.LogDensity(x)), 9);
    }

    [Fact]
    public void LogDensity_ThreeObservations_MatchesTheTruncatedMixtureByHand()
    {
        // Σ 0.25·φ(0.3; μ, σ)/(Φ((1 − μ)/σ) − Φ(−μ/σ)) over (μ, σ) = (0.1, 0.2), (0.15, 0.35), (0.5, 1), (0.9, 0.4).
        var estimator = new ParzenEstimator([0.1, 0.15, 0.9], 0, 1, 1.0);

        Assert.Equal(1.225637624250824, Math.Exp(estimator.LogDensity(0.3)), 9);
    }

    [Fact]
    public void LogDensity_AnyObservations_IntegratesToOneOverTheRange()
    {
        var random = new Random(7);
        for (var round = 0; round < 20; round++)
        {
            var low = -random.NextDouble() * 3;
            var high = low + 0.5 + random.NextDouble() * 4;
            var observations = Enumerable.Range(0, random.Next(0, 12)).Select(_ => low + random.NextDouble() * (high - low)).ToList();
            var estimator = new ParzenEstimator(observations, low, high, 0.5 + random.NextDouble());

            // Midpoint rule over 20,000 steps: the truncation makes every component, and so the mixture, a density on [low, high].
            const int Steps = 20_000;
            var width = (high - low) / Steps;
            var integral = Enumerable.Range(0, Steps).Sum(i => Math.Exp(estimator.LogDensity(low + ((i + 0.5) * width))) * width);
            Assert.Equal(1.0, integral, 3);
        }
    }

    [Fact]
    public void Constructor_EmptyRange_Throws() =>
        Assert.Throws<ArgumentException>(() => new ParzenEstimator([1.0], 1, 1, 1.0));
}
