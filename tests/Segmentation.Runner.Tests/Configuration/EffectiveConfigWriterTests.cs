using Segmentation.Core.Json;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Tests.Configuration;

public sealed class EffectiveConfigWriterTests
{
    [Fact]
    public void ToYaml_WithSources_EachValueNamesItsOriginAndTheYamlParsesBack()
    {
        var file = ConfigDocument.Parse("search:\n  scalers: [standard, log1p+standard]\n  reduction:\n    - none\n    - pca: {components: 2}\nexperiment:\n  name: 'a: b'\n", "/repo/configs/s.yaml");
        var merged = ConfigDocument.Override(file, "tracking.uri", "http://h:5000", "environment MLFLOW_TRACKING_URI");

        var yaml = EffectiveConfigWriter.ToYaml(merged, withSources: true, "/repo");

        Assert.Equal(
            "search:\n  scalers: [standard, log1p+standard]  # configs/s.yaml:2\n  reduction:\n    - none  # configs/s.yaml:4\n    - pca:\n        components: 2  # configs/s.yaml:5\n"
            + "experiment:\n  name: \"a: b\"  # configs/s.yaml:7\ntracking:\n  uri: http://h:5000  # environment MLFLOW_TRACKING_URI\n",
            yaml);
        var reparsed = ConfigDocument.Parse(EffectiveConfigWriter.ToYaml(merged, withSources: false), "again");
        Assert.Equal(CanonicalJson.Of(merged.ToJson()), CanonicalJson.Of(reparsed.ToJson()));
    }
}
