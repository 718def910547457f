using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Tests.Algorithms;

public sealed class ClusterCountTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(100)]
    public void Check_InsideTwoToOneHundred_ReturnsK(int k) => Assert.Equal(k, ClusterCount.Check(k, "kmeans"));

    [Theory]
    [InlineData(1, "k must be at least 2 for gmm, found 1")]
    [InlineData(-3, "k must be at least 2 for gmm, found -3")]
    [InlineData(101, "k must be at most 100 for gmm, found 101")]
    public void Check_Outside_IsAUsageErrorStatingTheBound(int k, string expected) =>
        Assert.Equal(expected, Assert.Throws<UsageException>(() => ClusterCount.Check(k, "gmm")).Message);

    [Fact]
    public void CheckFits_KAboveTheRows_IsAUsageError()
    {
        ClusterCount.CheckFits(12, 12, "kmeans");

        Assert.Equal("k must be at most the number of customers (12) for kmeans, found 13", Assert.Throws<UsageException>(() => ClusterCount.CheckFits(13, 12, "kmeans")).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(101)]
    public void ConfigAndCommandLine_SameBounds_ForEveryAlgorithmWithK(int k)
    {
        foreach (var descriptor in AlgorithmRegistry.Default.Descriptors.Where(d => d.Parameters.Contains(ClusterCount.Parameter)))
        {
            var section = (ConfigMapping)ConfigDocument.Parse($"x: {{k: {k}}}\n", "sweep.yaml").Get("x")!;

            var config = Assert.Throws<ConfigException>(() => descriptor.Bind(section));
            var cli = Assert.Throws<UsageException>(() => descriptor.Read(new ParameterValues([new("k", k)])));

            Assert.Contains("expected an integer from 2 to 100", config.Message, StringComparison.Ordinal);
            Assert.StartsWith("k must be at", cli.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bind_KAtBothBounds_Accepted()
    {
        var config = SweepConfig.Bind(ConfigDocument.Merge(
            SweepConfigLoader.Defaults(), ConfigDocument.Parse("search:\n  scalers: [standard]\n  algorithms:\n    gmm: {k: [2, 100]}\n", "sweep.yaml")));

        Assert.Equal([2, 100], config.Search.Algorithms[0].Expand().Select(o => o.Clusters));
    }
}
