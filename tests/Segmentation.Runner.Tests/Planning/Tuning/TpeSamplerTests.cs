using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Planning.Tuning;

namespace Segmentation.Runner.Tests.Planning.Tuning;

public sealed class TpeSamplerTests
{
    private const string Space = """
        search:
          scalers: [standard, robust]
          reduction: [none, {pca: {components: 2}}]
          algorithms:
            kmeans: {k: {from: 2, to: 20}}
            gmm: {k: {from: 2, to: 6}, covariance: [full, diag]}
            dbscan: {eps: [0.1, 0.3, 1.0, 3.0], min_samples: [5]}
        strategy: {kind: tpe, max_trials: 40}
        """;

    private static readonly string[] Features = ["recency", "frequency", "monetary"];

    [Fact]
    public void TuningSpace_AxesComeFromTheDescriptors_ConditionalOnTheAlgorithm()
    {
        var space = TuningSpace.Of(Plan(Space).Trials);

        Assert.Equal(
            ["algorithm", "scaler", "reduction", "kmeans.k", "gmm.k", "gmm.covariance", "dbscan.eps"],
            space.Dimensions.Select(d => d.Name));
        var eps = space.Dimensions.Single(d => d.Name == "dbscan.eps");
        Assert.True(eps.IsNumeric);
        // eps is log-scaled by its descriptor: the axis spans ln 0.1 .. ln 3.
        Assert.Equal(Math.Log(0.1), eps.Low, 12);
        Assert.Equal(Math.Log(3.0), eps.High, 12);
        var k = space.Dimensions.Single(d => d.Name == "kmeans.k");
        Assert.Equal((1.5, 20.5, "kmeans"), (k.Low, k.High, k.Condition));
        var dbscanTrial = space.Candidates.First(t => t.Algorithm == "dbscan").Index;
        Assert.True(double.IsNaN(space.Coordinate(dbscanTrial, 3)));
    }

    [Fact]
    public void Split_GoodIsTheBestCeilGammaN_IneligibleRankLast()
    {
        var settings = TpeSettings.Default with { Gamma = 0.25 };
        List<TpeObservation> history = [new(0, 0.1), new(1, null), new(2, 0.5), new(3, 0.3), new(4, 0.5), new(5, null), new(6, 0.2), new(7, 0.0), new(8, 0.4)];

        var (good, bad) = TpeSampler.Split(history, settings);

        // ⌈0.25 · 9⌉ = 3: the two 0.5s (smaller index first), then 0.4.
        Assert.Equal([2, 4, 8], good.Select(o => o.Candidate));
        Assert.Equal([3, 6, 0, 7, 1, 5], bad.Select(o => o.Candidate));
        Assert.Equal(25, (TpeSettings.Default with { Gamma = 0.5 }).GoodCount(1000));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(40, 4)]
    [InlineData(80, 8)]
    [InlineData(250, 25)]
    [InlineData(1000, 25)]
    public void Default_GoodCount_IsOptunasDefaultGamma_CeilTenthCappedAt25(int observed, int good)
    {
        Assert.Equal(good, TpeSettings.Default.GoodCount(observed));
    }

    [Fact]
    public void Propose_SameHistoryAndSeed_SameBatch_DistinctAndNeverObserved()
    {
        var space = TuningSpace.Of(Plan(Space).Trials);
        var sampler = new TpeSampler(space, TpeSettings.Default);
        var history = Enumerable.Range(0, 15).Select(i => new TpeObservation(i * 7, i % 4 == 0 ? null : Objective(space.Candidates[i * 7]))).ToList();
        var excluded = new HashSet<int> { 1, 2, 3 };

        var a = sampler.Propose(history, excluded, 8, 42);
        var b = sampler.Propose([.. history.AsEnumerable().Reverse()], excluded, 8, 42);
        var other = sampler.Propose(history, excluded, 8, 43);

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
        Assert.Equal(8, a.Distinct().Count());
        Assert.DoesNotContain(a, c => excluded.Contains(c) || history.Any(o => o.Candidate == c));
    }

    [Fact]
    public void Propose_SpaceRunsOut_ReturnsWhatIsLeft()
    {
        var space = TuningSpace.Of(Plan(Space).Trials);
        var sampler = new TpeSampler(space, TpeSettings.Default);
        var history = Enumerable.Range(0, space.Candidates.Count - 3).Select(i => new TpeObservation(i, Objective(space.Candidates[i]))).ToList();

        var batch = sampler.Propose(history, new HashSet<int>(), 10, 1);

        Assert.Equal(Enumerable.Range(space.Candidates.Count - 3, 3), batch.Order());
    }

    [Fact]
    public void Propose_AfterStartup_ConcentratesOnTheGoodRegionMoreThanRandom()
    {
        // A known optimum: kmeans with k = 9, better the closer k is; everything else scores low. Over ten seeds, the
        // proposals after the startup trials must land in kmeans k 7..11 far more often than its share of the space.
        var space = TuningSpace.Of(Plan(Space).Trials);
        var settings = TpeSettings.Default with { StartupTrials = 8 };
        var sampler = new TpeSampler(space, settings);
        var hits = 0;
        var proposed = 0;
        for (var seed = 0; seed < 10; seed++)
        {
            var history = new List<TpeObservation>();
            while (history.Count < 40)
            {
                var batch = sampler.Propose(history, new HashSet<int>(), 2, (seed * 1000) + history.Count);
                foreach (var c in batch)
                {
                    if (history.Count >= settings.StartupTrials)
                    {
                        proposed++;
                        hits += IsNearOptimum(space.Candidates[c]) ? 1 : 0;
                    }

                    history.Add(new TpeObservation(c, Objective(space.Candidates[c])));
                }
            }
        }

        var share = space.Candidates.Count(IsNearOptimum) / (double)space.Candidates.Count;
        Assert.InRange(share, 0.1, 0.25);
        Assert.True(hits / (double)proposed > 2 * share, $"{hits} of {proposed} proposals near the optimum; its share of the space is {share:P0}");
    }

    private static bool IsNearOptimum(Trial t) => t.Algorithm == "kmeans" && t.Options.Clusters is >= 7 and <= 11;

    private static double Objective(Trial t) => t.Algorithm == "kmeans" ? 1 - (Math.Abs(t.Options.Clusters!.Value - 9) / 20.0) : 0.2;

    private static SweepPlan Plan(string yaml)
    {
        var effective = ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(yaml, "sweep.yaml"));
        return SweepPlanner.Plan(SweepConfig.Bind(effective), SweepConfigLoader.HashOf(effective), "digest", Features, "1.0.0");
    }
}
