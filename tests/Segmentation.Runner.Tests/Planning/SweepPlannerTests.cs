using Segmentation.Core.Errors;
using Segmentation.Core.Json;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Tests.Planning;

public sealed class SweepPlannerTests
{
    private const string Grid = """
        search:
          scalers: [standard, robust]
          reduction: [none, {pca: {components: 2}}]
          algorithms:
            kmeans: {k: {from: 2, to: 4}}
            dbscan: {eps: [0.5], min_samples: [4]}
        """;

    private static readonly string[] Features = ["recency", "frequency", "monetary"];

    [Fact]
    public void Plan_Grid_OrdersScalerReductionAlgorithmThenK()
    {
        var plan = Plan(Grid);

        Assert.Equal(16, plan.Trials.Count);
        Assert.Equal(16, plan.SearchSpaceSize);
        Assert.Equal(
            ["kmeans-k2-standard", "kmeans-k3-standard", "kmeans-k4-standard", "dbscan-eps0.5-min4-standard", "kmeans-k2-standard-pca2"],
            plan.Trials.Take(5).Select(t => t.RunName));
        Assert.Equal("dbscan-eps0.5-min4-robust-pca2", plan.Trials[^1].RunName);
        Assert.Equal(Enumerable.Range(0, 16), plan.Trials.Select(t => t.Index));
    }

    [Fact]
    public void Plan_SameInputsTwice_SameTrialsHashesAndSeeds()
    {
        var a = Plan(Grid);
        var b = Plan(Grid);

        Assert.Equal(a.Trials.Select(t => (t.Hash, t.Seed, t.RunName)), b.Trials.Select(t => (t.Hash, t.Seed, t.RunName)));
        Assert.Equal(a.SweepId, b.SweepId);
        Assert.All(a.Trials, t => Assert.Matches("^[0-9a-f]{64}$", t.Hash));
        Assert.Equal(16, a.Trials.Select(t => t.Hash).Distinct().Count());
    }

    [Fact]
    public void Plan_DatasetDigestOrToolVersionChanges_EveryHashChanges()
    {
        var baseline = Plan(Grid);
        var otherData = Plan(Grid, digest: "other-digest");
        var otherVersion = Plan(Grid, toolVersion: "9.9.9");

        Assert.Empty(baseline.Trials.Select(t => t.Hash).Intersect(otherData.Trials.Select(t => t.Hash)));
        Assert.Empty(baseline.Trials.Select(t => t.Hash).Intersect(otherVersion.Trials.Select(t => t.Hash)));
        Assert.Equal(baseline.Trials.Select(t => t.Seed), otherData.Trials.Select(t => t.Seed));
        Assert.NotEqual(baseline.SweepId, otherData.SweepId);
    }

    [Fact]
    public void Plan_ExtraAlgorithmAppended_ExistingTrialHashesUnchanged()
    {
        var baseline = Plan(Grid);
        var extended = Plan(Grid + "\n    gmm: {k: 2}\n");

        Assert.Equal(20, extended.Trials.Count);
        Assert.Subset(extended.Trials.Select(t => t.Hash).ToHashSet(), baseline.Trials.Select(t => t.Hash).ToHashSet());
    }

    [Fact]
    public void Plan_TrialHash_MatchesDocumentedFormula()
    {
        var trial = Plan(Grid).Trials[0];

        var expected = SweepPlanner.TrialHash("digest", CanonicalJson.Of(trial.Params), "1.0.0");

        Assert.Equal(expected, trial.Hash);
        Assert.Equal(
            ["algorithm", "k", "scaler", "reduction", "kmeans.algorithm", "kmeans.n_init", "features", "seed"],
            trial.Params.Select(p => p.Key));
        Assert.Equal("recency,frequency,monetary", trial.Params.Single(p => p.Key == "features").Value);
    }

    [Fact]
    public void Plan_Random_SamplesBudgetWithoutReplacementInGridOrder()
    {
        var random = Plan(Grid + "\nstrategy: {kind: random, max_trials: 5, seed: 3}\n");
        var again = Plan(Grid + "\nstrategy: {kind: random, max_trials: 5, seed: 3}\n");
        var otherSeed = Plan(Grid + "\nstrategy: {kind: random, max_trials: 5, seed: 4}\n");
        var grid = Plan(Grid);

        Assert.Equal(5, random.Trials.Count);
        Assert.Equal(random.Trials.Select(t => t.Hash), again.Trials.Select(t => t.Hash));
        Assert.NotEqual(random.Trials.Select(t => t.Hash), otherSeed.Trials.Select(t => t.Hash));
        Assert.Subset(grid.Trials.Select(t => t.Hash).ToHashSet(), random.Trials.Select(t => t.Hash).ToHashSet());
        var gridPositions = random.Trials.Select(t => grid.Trials.Single(g => g.Hash == t.Hash).Index).ToList();
        Assert.Equal(gridPositions.Order(), gridPositions);
        Assert.Equal(Enumerable.Range(0, 5), random.Trials.Select(t => t.Index));
    }

    [Fact]
    public void Plan_RandomBudgetAboveSpace_TakesEverything()
    {
        var plan = Plan(Grid + "\nstrategy: {kind: random, max_trials: 100}\n");

        Assert.Equal(16, plan.Trials.Count);
    }

    [Fact]
    public void ForShard_AllShards_PartitionThePlan()
    {
        var plan = Plan(Grid);

        var shards = Enumerable.Range(1, 3).Select(i => plan.ForShard(new ShardSpec(i, 3))).ToList();

        Assert.Equal(plan.Trials.Count, shards.Sum(s => s.Count));
        Assert.Equal(plan.Trials.Select(t => t.Index), shards.SelectMany(s => s).Select(t => t.Index).Order());
        Assert.Equal([0, 3, 6, 9, 12, 15], shards[0].Select(t => t.Index));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1-3")]
    [InlineData("a/b")]
    [InlineData("1/0")]
    public void Parse_BadShard_ThrowsWithExpectedForm(string text)
    {
        var ex = Assert.Throws<UsageException>(() => ShardSpec.Parse(text));

        Assert.Contains("expected i/n with 1 <= i <= n", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunName_KMeansElkanAndGmm_ReadableNames()
    {
        var plan = Plan("""
            search:
              scalers: [log1p+standard]
              reduction: [{pca: {variance: 0.9}}]
              algorithms:
                kmeans: {k: 5, algorithm: elkan, n_init: 3}
                gmm: {k: 4, covariance: diag}
                agglomerative: {k: 6, linkage: average}
            """);

        Assert.Equal(
            ["kmeans-k5-elkan-n3-log1p+standard-pcav0.9", "gmm-k4-diag-log1p+standard-pcav0.9", "agglomerative-k6-average-log1p+standard-pcav0.9"],
            plan.Trials.Select(t => t.RunName));
    }

    private static SweepPlan Plan(string yaml, string digest = "digest", string toolVersion = "1.0.0")
    {
        var effective = ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(yaml, "sweep.yaml"));
        var config = SweepConfig.Bind(effective);
        return SweepPlanner.Plan(config, SweepConfigLoader.HashOf(effective), digest, Features, toolVersion);
    }
}
