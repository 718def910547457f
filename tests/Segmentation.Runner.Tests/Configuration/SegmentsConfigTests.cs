using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Tests.Configuration;

public sealed class SegmentsConfigTests
{
    private const string Sweep = "search:\n  scalers: [standard]\n  algorithms:\n    kmeans:\n      k: [2, 3]\n";

    [Fact]
    public void Bind_NamesPerModelVersion_ReadsThemByLabel()
    {
        var config = Bind(Sweep + "segments:\n  names:\n    \"customer-segments/03\": {0: VIP, -1: Outliers, 2: ' Sleepers '}\n");

        var names = config.Segments!.NamesFor("customer-segments", "3");

        Assert.Equal(new Dictionary<int, string> { [0] = "VIP", [-1] = "Outliers", [2] = "Sleepers" }, names);
        Assert.Null(config.Segments.NamesFor("customer-segments", "4"));
    }

    [Fact]
    public void FromParams_WorkingDirectoryParamsYaml_GivesTheOverridesPredictAndServeApply()
    {
        using var dir = new TempDirectory();
        dir.Write("params.yaml", "seed: 1\nsegments:\n  names:\n    \"customer-segments/2\": {1: Big spenders}\n");

        var overrides = SegmentsConfig.FromParams(dir.Path).Overrides;

        Assert.Equal("Big spenders", overrides.NamesFor("customer-segments", "2")![1]);
        Assert.Null(overrides.NamesFor("customer-segments", "1"));
        Assert.Null(overrides.NamesFor("customer-segments", null));
    }

    [Fact]
    public void FromParams_NoParamsFileOrNoSection_NoOverrides()
    {
        using var dir = new TempDirectory();
        Assert.Empty(SegmentsConfig.FromParams(dir.Path).Names);
        dir.Write("params.yaml", "seed: 1\n");
        Assert.Empty(SegmentsConfig.FromParams(dir.Path).Names);
    }

    [Fact]
    public void FromParams_BadSection_ErrorNamesParamsYamlAndLine()
    {
        using var dir = new TempDirectory();
        dir.Write("params.yaml", "segments:\n  names:\n    customer-segments: {0: VIP}\n");

        var error = Assert.Throws<ConfigException>(() => SegmentsConfig.FromParams(dir.Path));

        Assert.Contains("params.yaml:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a model version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_NoSegmentsSection_HasNoOverrides() => Assert.Null(Bind(Sweep).Segments);

    [Theory]
    [InlineData("    customer-segments: {0: VIP}\n", "sweep.yaml:8:", "not a model version")]
    [InlineData("    \"m/0\": {0: VIP}\n", "sweep.yaml:8:", "not a model version")]
    [InlineData("    \"m/1\": {first: VIP}\n", "sweep.yaml:8:", "'first' is not a segment label")]
    [InlineData("    \"m/1\": {0: ''}\n", "sweep.yaml:8:", "empty name")]
    [InlineData("    \"m/1\": [VIP]\n", "sweep.yaml:8:", "names.m/1")]
    public void Bind_BadEntry_FailsWithFileLineAndKey(string entry, string location, string message)
    {
        var ex = Assert.Throws<ConfigException>(() => Bind(Sweep + "segments:\n  names:\n" + entry));

        Assert.Contains(location, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnknownKey_Fails()
    {
        var ex = Assert.Throws<ConfigException>(() => Bind(Sweep + "segments:\n  name: {}\n"));

        Assert.Contains("segments.name", ex.Message, StringComparison.Ordinal);
    }

    private static SweepConfig Bind(string yaml) =>
        SweepConfig.Bind(ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(yaml, "sweep.yaml")));
}
