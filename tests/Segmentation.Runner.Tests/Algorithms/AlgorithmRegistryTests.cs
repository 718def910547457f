using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;

namespace Segmentation.Runner.Tests.Algorithms;

public sealed class AlgorithmRegistryTests
{
    [Fact]
    public void Default_ListsTheShippedAlgorithmsOnceEachInOrder()
    {
        Assert.Equal(["kmeans", "gmm", "agglomerative", "dbscan"], AlgorithmRegistry.Default.Names);
        Assert.Equal(AlgorithmRegistry.Default.Names.Count, AlgorithmRegistry.Default.Names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Constructor_DuplicateName_Throws()
    {
        var kmeans = AlgorithmRegistry.Default.Get("kmeans");

        var error = Assert.Throws<ArgumentException>(() => new AlgorithmRegistry([kmeans, kmeans]));

        Assert.Contains("'kmeans' is registered twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownName_IsAUsageErrorListingTheNames()
    {
        var error = Assert.Throws<UsageException>(() => AlgorithmRegistry.Default.Get("spectral"));

        Assert.Equal("unknown algorithm 'spectral'; expected one of: kmeans, gmm, agglomerative, dbscan", error.Message);
    }

    [Fact]
    public void Descriptors_ParameterNamesAndParamKeysAreUniqueAndParamKeysArePrefixedByTheAlgorithm()
    {
        foreach (var descriptor in AlgorithmRegistry.Default.Descriptors)
        {
            Assert.Equal(descriptor.Parameters.Count, descriptor.Parameters.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
            // k is the one shared param; every other key is namespaced so two algorithms can never collide in MLflow.
            Assert.All(descriptor.Parameters.Where(p => p.ParamKey != "k"), p => Assert.StartsWith(descriptor.Name + ".", p.ParamKey, StringComparison.Ordinal));
            Assert.All(descriptor.ClusterOptions, o => Assert.Contains(o.Parameter, descriptor.Parameters));
        }
    }

    [Fact]
    public void Descriptors_EveryDeclaredParameterIsAConfigKeyAndNothingElseIs()
    {
        foreach (var descriptor in AlgorithmRegistry.Default.Descriptors)
        {
            var section = (ConfigMapping)ConfigDocument.Parse("x: {nonsense: 1}\n", "sweep.yaml").Get("x")!;

            var error = Assert.Throws<ConfigException>(() => descriptor.Bind(section));

            Assert.Contains("allowed keys here: " + string.Join(", ", descriptor.Parameters.Select(p => p.Name)), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Descriptors_ParametersAreDiscoverableDataForASampler()
    {
        // What a TPE or successive-halving tuner reads: ranges and choices, not code.
        var constraints = AlgorithmRegistry.Default.Descriptors.ToDictionary(d => d.Name, d => d.Parameters.ToDictionary(p => p.Name));

        Assert.Equal(new IntRange("k", "k", 2, 100, null), constraints["kmeans"]["k"]);
        Assert.Equal(new IntRange("n_init", "kmeans.n_init", 1, 1000, 10), constraints["kmeans"]["n_init"]);
        Assert.Equal(["lloyd", "elkan"], Assert.IsAssignableFrom<CategoricalConstraint>(constraints["kmeans"]["algorithm"]).Choices);
        Assert.Equal(["full", "diag", "spherical", "tied"], Assert.IsAssignableFrom<CategoricalConstraint>(constraints["gmm"]["covariance"]).Choices);
        Assert.Equal(["ward", "complete", "average", "single"], Assert.IsAssignableFrom<CategoricalConstraint>(constraints["agglomerative"]["linkage"]).Choices);
        var eps = Assert.IsType<RealRange>(constraints["dbscan"]["eps"]);
        Assert.Equal((0.0, true, RealScale.Log), (eps.Min, eps.MinExclusive, eps.Scale));
        Assert.Equal(new IntRange("min_samples", "dbscan.min_samples", 1, 100_000, 5), constraints["dbscan"]["min_samples"]);
    }
}
