using Segmentation.Clustering.Scaling;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using Segmentation.Runner.Planning;
using Segmentation.Runner.SingleFit;

namespace Segmentation.Runner.Tests.Algorithms.TestOnly;

/// <summary>A new algorithm is one folder plus one registration line: it binds, plans, fits and single-fits with nothing else touched.</summary>
public sealed class StripesEndToEndTests
{
    private const string Yaml = """
        search:
          scalers: [standard]
          algorithms:
            kmeans: {k: 2}
            stripes: {k: [2, 3], offset: [0, 1]}
        """;

    [Fact]
    public void Sweep_TestOnlyAlgorithm_PlansAndFitsThroughTheDescriptor()
    {
        var document = ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(Yaml, "sweep.yaml"));
        var search = SearchSpace.Bind(document.GetMapping("search"), StripesDescriptor.Registry);
        var config = SweepConfig.Bind(ConfigDocument.Merge(
            SweepConfigLoader.Defaults(), ConfigDocument.Parse("search:\n  scalers: [standard]\n  algorithms:\n    kmeans: {k: 2}\n", "sweep.yaml"))) with { Search = search };
        var data = new SyntheticDataSource(12).Load(null!, "", CancellationToken.None);

        var plan = SweepPlanner.Plan(config, "config-hash", data.Digest, data.FeatureNames, "1.0.0");
        var prepared = PreprocessedData.Fit(plan.Trials[1].Preprocessing, data.Features, data.FeatureNames);
        var fit = TrialFitter.Fit(plan.Trials.Single(t => t.RunName == "stripes-k3-o1-standard"), prepared);

        Assert.Equal(["kmeans-k2-standard", "stripes-k2-standard", "stripes-k3-standard", "stripes-k2-o1-standard", "stripes-k3-o1-standard"], plan.Trials.Select(t => t.RunName));
        Assert.Equal(
            ["algorithm=stripes", "k=3", "scaler=standard", "reduction=none", "stripes.offset=1"],
            plan.Trials[4].Params.Take(5).Select(p => p.Key + "=" + p.Value));
        Assert.Equal([1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], fit.Labels);
        Assert.Equal(3.0, fit.AlgorithmMetrics["stripes"]);
    }

    [Fact]
    public void Sweep_TestOnlyAlgorithmBadValue_IsALocatedConfigError()
    {
        var document = ConfigDocument.Parse("search:\n  algorithms:\n    stripes: {k: 2, offset: 10}\n", "sweep.yaml");

        var error = Assert.Throws<ConfigException>(() => StripesDescriptor.Registry.Get("stripes").Bind(document.GetMapping("search").GetMapping("algorithms").GetMapping("stripes")));

        Assert.Equal("search.algorithms.stripes.offset", error.KeyPath);
        Assert.Contains("expected an integer from 0 to 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleFit_TestOnlyAlgorithm_FitsWithTheSweepMetrics()
    {
        var data = new SyntheticDataSource(12).Load(null!, "", CancellationToken.None);
        var request = SingleFitRequest.Create("stripes", new ParameterValues([new("k", 4), new("offset", 2)]), ScalerNames.Standard, ReductionChoice.None, 1, StripesDescriptor.Registry);

        var result = SingleFitRunner.Fit(data, request);

        Assert.Equal("stripes-k4-o2-standard", result.Trial.RunName);
        Assert.Equal(4.0, result.Metrics[MetricNames.ClusterCount]);
        Assert.True(result.Metrics.ContainsKey(MetricNames.Silhouette));
    }

    [Fact]
    public void DefaultRegistry_DoesNotKnowTheTestOnlyAlgorithm()
    {
        var document = ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(Yaml, "sweep.yaml"));

        var error = Assert.Throws<ConfigException>(() => SearchSpace.Bind(document.GetMapping("search")));

        Assert.Contains("unknown algorithm 'stripes'; allowed: kmeans, gmm, agglomerative, dbscan", error.Message, StringComparison.Ordinal);
    }
}
