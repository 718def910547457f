using Segmentation.Clustering.Hierarchical;
using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Algorithms.Agglomerative;

namespace Segmentation.Runner.Tests.Algorithms.Agglomerative;

public sealed class AgglomerativeDescriptorTests
{
    private static readonly AgglomerativeDescriptor Descriptor = AgglomerativeDescriptor.Instance;

    [Fact]
    public void Bind_KRangeAndLinkages_ExpandsLinkageThenK()
    {
        var space = Descriptor.Bind(Sections.Of("agglomerative", "{k: {from: 2, to: 3}, linkage: [single, ward]}"));

        Assert.Equal(
            [new AgglomerativeTrialOptions(2, Linkage.Single), new AgglomerativeTrialOptions(3, Linkage.Single),
             new AgglomerativeTrialOptions(2, Linkage.Ward), new AgglomerativeTrialOptions(3, Linkage.Ward)],
            space.Expand());
        Assert.Equal([new AgglomerativeTrialOptions(4, Linkage.Ward)], Descriptor.Bind(Sections.Of("agglomerative", "{k: 4}")).Expand());
    }

    [Theory]
    [InlineData("{k: 2, linkage: centroid}", "search.algorithms.agglomerative.linkage", "unknown value 'centroid'; allowed: ward, complete, average, single")]
    [InlineData("{k: 2, metric: euclidean}", "search.algorithms.agglomerative.metric", "allowed keys here: k, linkage")]
    [InlineData("{linkage: ward}", "search.algorithms.agglomerative.k", "missing required key 'k'")]
    public void Bind_BadSection_ConfigErrorNamesTheKeyPath(string section, string keyPath, string detail)
    {
        var error = Assert.Throws<ConfigException>(() => Descriptor.Bind(Sections.Of("agglomerative", section)));

        Assert.Equal(keyPath, error.KeyPath);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Linkage.Ward, "ward")]
    [InlineData(Linkage.Complete, "complete")]
    [InlineData(Linkage.Average, "average")]
    [InlineData(Linkage.Single, "single")]
    public void Settings_TypedOptions_GiveTheLoggedStrings(Linkage linkage, string word)
    {
        var options = new AgglomerativeTrialOptions(6, linkage);

        Assert.Equal([new("agglomerative.linkage", word)], options.Settings());
        Assert.Equal([word], options.RunNameTokens());
        Assert.Equal(options, Descriptor.Read(new ParameterValues([new("k", 6), new("linkage", word)])));
    }

    [Fact]
    public void Read_UnknownLinkage_IsAUsageError() =>
        Assert.Equal(
            "unknown linkage 'centroid'; expected one of: ward, complete, average, single",
            Assert.Throws<UsageException>(() => Descriptor.Read(new ParameterValues([new("k", 3), new("linkage", "centroid")]))).Message);
}
