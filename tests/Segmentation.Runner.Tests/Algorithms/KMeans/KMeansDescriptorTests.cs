using Segmentation.Clustering;
using Segmentation.Clustering.KMeans;
using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Algorithms.KMeans;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Tests.Algorithms.KMeans;

public sealed class KMeansDescriptorTests
{
    private static readonly KMeansDescriptor Descriptor = KMeansDescriptor.Instance;

    [Fact]
    public void Bind_AllKeys_ExpandsIterationThenNInitThenK()
    {
        var space = Descriptor.Bind(Sections.Of("kmeans", "{k: [2, 3], n_init: [10, 4], algorithm: [elkan, lloyd]}"));

        Assert.Equal(
            [new KMeansTrialOptions(2, 10, KMeansAlgorithm.Elkan), new KMeansTrialOptions(3, 10, KMeansAlgorithm.Elkan),
             new KMeansTrialOptions(2, 4, KMeansAlgorithm.Elkan), new KMeansTrialOptions(3, 4, KMeansAlgorithm.Elkan),
             new KMeansTrialOptions(2, 10, KMeansAlgorithm.Lloyd), new KMeansTrialOptions(3, 10, KMeansAlgorithm.Lloyd),
             new KMeansTrialOptions(2, 4, KMeansAlgorithm.Lloyd), new KMeansTrialOptions(3, 4, KMeansAlgorithm.Lloyd)],
            space.Expand());
    }

    [Fact]
    public void Bind_OnlyK_DefaultsToTenRestartsOfLloyd() =>
        Assert.Equal([new KMeansTrialOptions(4, 10, KMeansAlgorithm.Lloyd)], Descriptor.Bind(Sections.Of("kmeans", "{k: 4}")).Expand());

    [Theory]
    [InlineData("{n_init: 3}", "search.algorithms.kmeans.k", "missing required key 'k'")]
    [InlineData("{k: 2, n_init: 0}", "search.algorithms.kmeans.n_init", "expected an integer from 1 to 1000, found 0")]
    [InlineData("{k: 2, n_init: 1001}", "search.algorithms.kmeans.n_init", "expected an integer from 1 to 1000, found 1001")]
    [InlineData("{k: 101}", "search.algorithms.kmeans.k", "expected an integer from 2 to 100, found 101")]
    [InlineData("{k: 2, algorithm: [lloyd, hartigan]}", "search.algorithms.kmeans.algorithm[1]", "unknown value 'hartigan'; allowed: lloyd, elkan")]
    [InlineData("{k: 2, restarts: 3}", "search.algorithms.kmeans.restarts", "allowed keys here: k, n_init, algorithm")]
    public void Bind_BadSection_ConfigErrorNamesTheKeyPath(string section, string keyPath, string detail)
    {
        var error = Assert.Throws<ConfigException>(() => Descriptor.Bind(Sections.Of("kmeans", section)));

        Assert.Equal(keyPath, error.KeyPath);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Lloyd, 10, "lloyd", "10", "")]
    [InlineData(KMeansAlgorithm.Elkan, 10, "elkan", "10", "elkan")]
    [InlineData(KMeansAlgorithm.Lloyd, 3, "lloyd", "3", "n3")]
    [InlineData(KMeansAlgorithm.Elkan, 1000, "elkan", "1000", "elkan-n1000")]
    public void Settings_TypedOptions_GiveTheLoggedStringsInOrder(KMeansAlgorithm iteration, int nInit, string algorithm, string nInitText, string tokens)
    {
        var options = new KMeansTrialOptions(5, nInit, iteration);

        Assert.Equal([new("kmeans.algorithm", algorithm), new("kmeans.n_init", nInitText)], options.Settings());
        Assert.Equal(tokens, string.Join('-', options.RunNameTokens()));
        Assert.Equal(5, options.Clusters);
        // And back: reading the logged words gives the same typed options.
        Assert.Equal(options, Descriptor.Read(new ParameterValues([new("k", "5"), new("n_init", nInitText), new("algorithm", algorithm)])));
    }

    [Fact]
    public void UnknownKMeansAlgorithm_NeverFitsAsLloyd()
    {
        // Regression: `kmeans.algorithm` other than "elkan" used to be fitted as Lloyd. Every path now refuses it.
        var config = Assert.Throws<ConfigException>(() => Descriptor.Bind(Sections.Of("kmeans", "{k: 2, algorithm: hartigan}")));
        var commandLine = Assert.Throws<UsageException>(() => Descriptor.Read(new ParameterValues([new("k", 2), new("algorithm", "Lloyd")])));
        var undefined = new KMeansTrialOptions(2, 10, (KMeansAlgorithm)7);
        var data = PreprocessedData.Fit(new PreprocessingKey("standard", ReductionChoice.None), Matrix.FromRows([[0.0], [1.0], [10.0], [11.0]]), ["x"]);

        Assert.Equal("search.algorithms.kmeans.algorithm", config.KeyPath);
        Assert.Equal("unknown algorithm 'Lloyd'; expected one of: lloyd, elkan", commandLine.Message);
        Assert.Throws<InvalidOperationException>(undefined.Settings);
        Assert.Throws<UsageException>(() => ((IAlgorithmDescriptor)Descriptor).Fit(undefined, 1, data));
    }
}
