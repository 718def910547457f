using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Tests.Configuration;

public sealed class ProductsConfigTests
{
    private const string Sweep = "search:\n  scalers: [standard]\n  algorithms:\n    kmeans:\n      k: [2, 3]\n";

    [Fact]
    public void Bind_Section_ReadsMinSupportAndTop()
    {
        var config = Bind(Sweep + "products: {min_support: 3, top: 7}\n");

        Assert.Equal(new ProductsConfig(3, 7), config.Products);
    }

    [Fact]
    public void Bind_EmptySection_TakesTheDefaults() =>
        Assert.Equal(new ProductsConfig(ProductsConfig.DefaultMinSupport, ProductsConfig.DefaultTop), Bind(Sweep + "products: {}\n").Products);

    [Fact]
    public void Bind_ShippedParams_ListsTwentyProductsWithSupportTen()
    {
        var root = ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Load(Path.Combine(RepositoryPaths.Root, "params.yaml")));

        var config = SweepConfig.Bind(ConfigDocument.Merge(root, ConfigDocument.Parse(Sweep, "sweep.yaml")));

        Assert.Equal(new ProductsConfig(10, 20), config.Products);
    }

    [Theory]
    [InlineData("products:\n  min_support: 0\n", "sweep.yaml:7:", "products.min_support")]
    [InlineData("products:\n  top: many\n", "sweep.yaml:7:", "products.top")]
    [InlineData("products:\n  top: 10001\n", "sweep.yaml:7:", "products.top")]
    [InlineData("products:\n  support: 5\n", "sweep.yaml:7:", "products.support")]
    public void Bind_BadValue_FailsWithFileLineAndKey(string section, string location, string key)
    {
        var ex = Assert.Throws<ConfigException>(() => Bind(Sweep + section));

        Assert.Contains(location, ex.Message, StringComparison.Ordinal);
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    private static SweepConfig Bind(string yaml) =>
        SweepConfig.Bind(ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(yaml, "sweep.yaml")));
}
