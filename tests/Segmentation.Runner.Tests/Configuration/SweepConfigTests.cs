using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms.Agglomerative;
using Segmentation.Runner.Algorithms.Dbscan;
using Segmentation.Runner.Algorithms.GaussianMixture;
using Segmentation.Runner.Algorithms.KMeans;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Tests.Configuration;

public sealed class SweepConfigTests
{
    [Fact]
    public void Bind_FullConfig_ReadsEverySection()
    {
        var config = Bind("""
            seed: 3
            search:
              features: [recency_days, frequency]
              scalers: [standard, robust]
              reduction:
                - none
                - pca: {components: 2}
                - pca: {variance: 0.9}
              algorithms:
                kmeans: {k: {from: 2, to: 6, step: 2}, n_init: 4, algorithm: [lloyd, elkan]}
                gmm: {k: [2, 3], covariance: [full, diag, spherical, tied]}
                agglomerative: {k: 3, linkage: [ward, single]}
                dbscan: {eps: [0.5, 1.0], min_samples: [5, 10]}
            strategy: {kind: random, max_trials: 5, seed: 11}
            objective: {metric: davies_bouldin}
            constraints: {min_k: 3, min_cluster_fraction: 0.05, max_noise_fraction: 0.2}
            registry: {model_name: customer-segments, alias: champion}
            gate: {silhouette: {min: 0.35}, davies_bouldin: {max: 1.5}}
            promote_at_end: true
            """);

        Assert.Equal(3, config.Seed);
        Assert.Equal(["recency_days", "frequency"], config.Search.Features!);
        Assert.Equal([ReductionChoice.None, new ReductionChoice(2, null), new ReductionChoice(null, 0.9)], config.Search.Reductions);
        var kmeans = Assert.IsType<KMeansSpace>(config.Search.Algorithms[0]);
        Assert.Equal([2, 4, 6], kmeans.K);
        Assert.Equal([4], kmeans.NInit);
        Assert.Equal(4, Assert.IsType<GaussianMixtureSpace>(config.Search.Algorithms[1]).CovarianceTypes.Count);
        Assert.Equal([3], Assert.IsType<AgglomerativeSpace>(config.Search.Algorithms[2]).K);
        Assert.Equal([0.5, 1.0], Assert.IsType<DbscanSpace>(config.Search.Algorithms[3]).Eps);
        Assert.Equal(new SearchStrategy(StrategyKind.Random, 5, 11), config.Strategy);
        Assert.Equal(new ObjectiveConfig("davies_bouldin", ObjectiveDirection.Minimize), config.Objective);
        Assert.Equal(new ConstraintsConfig(3, null, 0.05, null, 0.2), config.Constraints);
        Assert.Equal(new RegistryTarget("customer-segments", null, "champion"), config.Registry);
        Assert.Equal([new GateThreshold("silhouette", 0.35, null), new GateThreshold("davies_bouldin", null, 1.5)], config.Gate.Thresholds);
        Assert.True(config.PromoteAtEnd);
    }

    [Theory]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans:\n      k: [2]\n      kk: 3\n", 6, 11, "search.algorithms.kmeans.kk", "allowed keys here: k, n_init, algorithm")]
    [InlineData("serch: {}\n", 1, 8, "serch", "allowed keys here:")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans:\n      k: two\n", 5, 10, "search.algorithms.kmeans.k", "expected an integer, found 'two'")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans:\n      k: {from: 9, to: 3}\n", 5, 10, "search.algorithms.kmeans.k", "empty range: from 9 is above to 3")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans:\n      k: []\n", 5, 10, "search.algorithms.kmeans.k", "empty list")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    spectral:\n      k: [2]\n", 5, 7, "search.algorithms.spectral", "unknown algorithm 'spectral'; allowed: kmeans, gmm, agglomerative, dbscan")]
    [InlineData("search:\n  scalers: [standard, zscore]\n  algorithms:\n    kmeans: {k: 2}\n", 2, 23, "search.scalers[1]", "unknown value 'zscore'; allowed: none, standard, robust")]
    [InlineData("search:\n  scalers: [standard, [log1p, zscore]]\n  algorithms:\n    kmeans: {k: 2}\n", 2, 31, "search.scalers[1][1]", "unknown chain step 'zscore'; allowed steps: standard, robust")]
    [InlineData("search:\n  scalers: [[log1p]]\n  algorithms:\n    kmeans: {k: 2}\n", 2, 13, "search.scalers[0]", "a chain needs at least two steps")]
    [InlineData("search:\n  scalers: [log1p+robust, [log1p, robust]]\n  algorithms:\n    kmeans: {k: 2}\n", 2, 27, "search.scalers[1]", "duplicate scaler 'log1p+robust'")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    gmm: {k: 2, covariance: [full, banana]}\n", 4, 36, "search.algorithms.gmm.covariance[1]", "allowed: full, diag, spherical, tied")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    agglomerative: {k: 2, linkage: centroid}\n", 4, 36, "search.algorithms.agglomerative.linkage", "allowed: ward, complete, average, single")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: 1}\n", 4, 17, "search.algorithms.kmeans.k", "expected an integer from 2 to 100")]
    [InlineData("search:\n  scalers: [standard]\n  reduction: [{pca: {variance: 1.5}}]\n  algorithms:\n    kmeans: {k: 2}\n", 3, 32, "search.reduction[0].pca.variance", "expected a number from 0 to 1")]
    [InlineData("search:\n  scalers: [standard]\n  reduction: [pca]\n  algorithms:\n    kmeans: {k: 2}\n", 3, 15, "search.reduction[0]", "unknown value 'pca'; allowed: none")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    dbscan: {min_samples: 3}\n", 4, 13, "search.algorithms.dbscan.eps", "missing required key 'eps'")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms: {}\n", 3, 15, "search.algorithms", "expected at least one algorithm")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: 2}\nstrategy: {kind: random}\n", 5, 11, "strategy.max_trials", "missing required key 'max_trials'")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: 2}\nstrategy: {kind: sobol}\n", 5, 18, "strategy.kind", "allowed: grid, random")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: 2}\nobjective: {metric: accuracy}\n", 5, 21, "objective.metric", "allowed: silhouette, davies_bouldin")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: 2}\nregistry: {model_name: m, stage: Live}\n", 5, 34, "registry.stage", "allowed: Staging, Production")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: 2}\ngate: {silhouette: {above: 0.3}}\n", 5, 28, "gate.silhouette.above", "allowed keys here: min, max")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: 2}\npromote_at_end: true\n", 5, 17, "promote_at_end", "no 'registry' target")]
    [InlineData("search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: [2, 3, 2]}\n", 4, 24, "search.algorithms.kmeans.k[2]", "duplicate value '2'")]
    public void Bind_InvalidConfig_ErrorNamesFileLineAndKeyPath(string yaml, int line, int column, string keyPath, string detail)
    {
        var ex = Assert.Throws<ConfigException>(() => Bind(yaml));

        Assert.Equal("sweep.yaml", ex.Source);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Equal(keyPath, ex.KeyPath);
        Assert.Contains(detail, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"sweep.yaml:{line}:{column}: {keyPath}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ScalarKAndRangeStep_ExpandsInclusive()
    {
        var config = Bind("search:\n  scalers: standard\n  algorithms:\n    kmeans: {k: {from: 2, to: 12}}\n");

        Assert.Equal(Enumerable.Range(2, 11), Assert.IsType<KMeansSpace>(config.Search.Algorithms[0]).K);
        Assert.Equal([ReductionChoice.None], config.Search.Reductions);
        Assert.Equal(SearchStrategy.Grid, config.Strategy);
    }

    [Fact]
    public void Violations_MetricsOutsideConstraints_ListsEach()
    {
        var constraints = new ConstraintsConfig(3, null, 0.05, null, 0.1);

        var violations = constraints.Violations(new Dictionary<string, double>
        {
            ["n_clusters"] = 2,
            ["min_cluster_fraction"] = 0.01,
            ["noise_fraction"] = 0.0,
        });

        Assert.Equal(2, violations.Count);
        Assert.Contains("min_k", violations[0], StringComparison.Ordinal);
        Assert.Contains("min_cluster_fraction", violations[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_GateThresholds_ReportsObservedValue()
    {
        var gate = new GateConfig([new GateThreshold("silhouette", 0.35, null)]);

        Assert.Empty(gate.Failures(new Dictionary<string, double> { ["silhouette"] = 0.4 }));
        Assert.Equal(["silhouette >= 0.35: observed 0.3"], gate.Failures(new Dictionary<string, double> { ["silhouette"] = 0.3 }));
    }

    [Fact]
    public void Bind_ScalerChainsAsTextAndList_CanonicalNamesInOrder()
    {
        var config = Bind("search:\n  scalers: [log1p+standard, log1p+minmax, [log1p, robust], [log1p, power], robust+minmax]\n  algorithms:\n    kmeans: {k: 2}\n");
        Assert.Equal(["log1p+standard", "log1p+minmax", "log1p+robust", "log1p+power", "robust+minmax"], config.Search.Scalers);
    }

    private static SweepConfig Bind(string yaml) =>
        SweepConfig.Bind(ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(yaml, "sweep.yaml")));
}
