using Segmentation.Data.Features;

namespace Segmentation.Data.Tests.Features;

public sealed class FeatureCatalogTests
{
    [Fact]
    public void Describe_ListsEveryFeatureWithItsDefinition()
    {
        var text = FeatureCatalog.Describe();

        foreach (var feature in FeatureCatalog.All)
        {
            Assert.Contains(feature.Name, text, StringComparison.Ordinal);
            Assert.Contains(feature.Definition, text, StringComparison.Ordinal);
        }

        Assert.Equal(18, FeatureCatalog.All.Count);
        Assert.Contains("population standard deviation", text, StringComparison.Ordinal);
    }
}
