using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning.Tuning;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Tests.Planning.Tuning;

public sealed class RungConstraintsTests
{
    private static readonly ConstraintsConfig Bounds = new(4, 8, 0.05, 0.5, 0.2);

    [Theory]
    // 2·√(0.5·0.5/100 · 1/100) = 2·0.005
    [InlineData(0.5, 100, 101, 0.01)]
    // 2·√(0.2·0.8/16 · 15/30) = 2·√0.005 = √2/10
    [InlineData(0.2, 16, 31, 0.1414213562373095)]
    // 2·√(0.05·0.95/100 · 1/100) = 2·√0.00000475
    [InlineData(0.05, 100, 101, 0.0043588989435406735)]
    // All the rows: no sampling error.
    [InlineData(0.2, 31, 31, 0.0)]
    public void ShareTolerance_ZStandardErrorsOfAShareOnNOfNRows(double bound, int rows, int fullRows, double expected)
    {
        Assert.Equal(expected, RungConstraints.ShareTolerance(bound, rows, fullRows), 12);
    }

    [Fact]
    public void For_AllRows_TheConfiguredConstraints()
    {
        Assert.Same(Bounds, RungConstraints.For(Bounds, 31, 31, labelsNoise: true));
    }

    [Fact]
    public void For_SubsampleWithNoise_SharesWidenedByTheirTolerance_CountByOneSegment()
    {
        var relaxed = RungConstraints.For(Bounds with { MaxNoiseFraction = 0.5 }, 100, 101, labelsNoise: true);

        Assert.Equal(3, relaxed.MinK);
        Assert.Equal(9, relaxed.MaxK);
        Assert.Equal(0.05 - 0.0043588989435406735, relaxed.MinClusterFraction!.Value, 12);
        Assert.Equal(0.51, relaxed.MaxClusterFraction!.Value, 12);
        Assert.Equal(0.51, relaxed.MaxNoiseFraction!.Value, 12);
    }

    [Fact]
    public void For_SubsampleWithoutNoise_CountKept_UnsetBoundsStayUnset()
    {
        var relaxed = RungConstraints.For(new ConstraintsConfig(4, null, null, null, 0.2), 16, 31, labelsNoise: false);

        Assert.Equal(4, relaxed.MinK);
        Assert.Null(relaxed.MaxK);
        Assert.Null(relaxed.MinClusterFraction);
        Assert.Null(relaxed.MaxClusterFraction);
        Assert.Equal(0.2 + 0.1414213562373095, relaxed.MaxNoiseFraction!.Value, 12);
    }

    [Theory]
    // 16 of 31 rows: max noise 0.2 becomes 0.3414, min_k 4 becomes 3 for a fit that left noise.
    [InlineData(3, 0.34, 16, 0.8)]
    [InlineData(4, 0.35, 16, null)]
    [InlineData(2, 0.10, 16, null)]
    // On all the rows the bounds are the configured ones.
    [InlineData(3, 0.10, 31, null)]
    [InlineData(4, 0.21, 31, null)]
    [InlineData(4, 0.20, 31, 0.8)]
    public void Score_NoiseLabellingFit_JudgedWithTheRungsTolerance(int clusters, double noise, int rows, double? expected)
    {
        var run = Run(clusters, noise, 0.1);

        Assert.Equal(expected, RungConstraints.Score(run, new ObjectiveConfig("silhouette", ObjectiveDirection.Maximize), Bounds with { MinClusterFraction = null }, rows, 31));
    }

    [Fact]
    public void Score_FitWithoutNoise_CountIsItsKOnAnySample_NotWidened()
    {
        var run = Run(3, 0, 0.1);

        Assert.Null(RungConstraints.Score(run, new ObjectiveConfig("silhouette", ObjectiveDirection.Maximize), Bounds, 16, 31));
    }

    private static TrialRun Run(int clusters, double noise, double minCluster) => new(
        "h",
        "t",
        "h",
        new Dictionary<string, string>(),
        new Dictionary<string, double>
        {
            [MetricNames.Silhouette] = 0.8,
            [MetricNames.ClusterCount] = clusters,
            [MetricNames.NoiseFraction] = noise,
            [MetricNames.MinClusterFraction] = minCluster,
            [MetricNames.MaxClusterFraction] = 0.4,
        },
        string.Empty);
}
