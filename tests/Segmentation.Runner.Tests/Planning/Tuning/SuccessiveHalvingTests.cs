using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms.Dbscan;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Planning.Tuning;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Tests.Planning.Tuning;

public sealed class SuccessiveHalvingTests
{
    [Fact]
    public void Schedule_27CandidatesNinthEta3_ThreeRungsEndingOnAllCustomers()
    {
        var rungs = SuccessiveHalving.Schedule(27, 1.0 / 9, 3);

        Assert.Equal([(0, 27), (1, 9), (2, 3)], rungs.Select(r => (r.Index, r.Trials)));
        Assert.Equal(1.0 / 9, rungs[0].Fraction, 12);
        Assert.Equal(1.0 / 3, rungs[1].Fraction, 12);
        Assert.Equal(1.0, rungs[2].Fraction);
    }

    [Theory]
    [InlineData(280, 0.1111111111111111, 3, new[] { 280, 93, 31 })]
    [InlineData(10, 0.25, 2, new[] { 10, 5, 2 })]
    [InlineData(5, 0.1, 4, new[] { 5, 1 })]
    [InlineData(1, 0.5, 2, new[] { 1, 1 })]
    [InlineData(100, 0.3, 3, new[] { 100, 33 })]
    [InlineData(100, 0.05, 3, new[] { 100, 33, 11 })]
    public void Schedule_EachRungKeepsFloorOfNOverEtaAndAtLeastOne(int candidates, double minFraction, int eta, int[] expected)
    {
        var rungs = SuccessiveHalving.Schedule(candidates, minFraction, eta);

        Assert.Equal(expected, rungs.Select(r => r.Trials));
        Assert.True(rungs[0].Fraction >= minFraction);
        Assert.True(rungs.Count == 1 || rungs[0].Fraction / eta < minFraction, "the first rung is the smallest power of 1/eta at or above min_fraction");
        Assert.Equal(1.0, rungs[^1].Fraction);
        Assert.All(rungs.Zip(rungs.Skip(1)), p => Assert.True(p.First.Fraction < p.Second.Fraction));
    }

    [Fact]
    public void Subsample_SameSeedSameRows_OtherSeedOtherRows_ColumnsFollowTheRows()
    {
        var data = new SyntheticDataSource(90).Load(null!, "/", CancellationToken.None);

        var a = SuccessiveHalving.Subsample(data, 1.0 / 3, 7);
        var b = SuccessiveHalving.Subsample(data, 1.0 / 3, 7);
        var other = SuccessiveHalving.Subsample(data, 1.0 / 3, 8);

        Assert.Equal(30, a.CustomerIds.Length);
        Assert.Equal(a.CustomerIds, b.CustomerIds);
        Assert.Equal(a.Digest, b.Digest);
        Assert.NotEqual(a.CustomerIds, other.CustomerIds);
        Assert.NotEqual(a.Digest, other.Digest);
        Assert.NotEqual(data.Digest, a.Digest);
        Assert.Equal(a.CustomerIds.Order(), a.CustomerIds);
        for (var i = 0; i < a.CustomerIds.Length; i++)
        {
            var row = Array.IndexOf(data.CustomerIds, a.CustomerIds[i]);
            Assert.Equal(data.Features.Row(row).ToArray(), a.Features.Row(i).ToArray());
            Assert.Equal(data.Columns[2].Value[row], a.Columns[2].Value[i]);
        }
    }

    [Fact]
    public void RungTrial_SubsampleRungsGetTheirOwnParamsAndHash_LastRungIsThePlannedTrial()
    {
        var (plan, config) = Plan("seed: 5");
        var (_, reseeded) = Plan("seed: 6");
        var halving = new SuccessiveHalving(plan, config);
        var candidate = plan.Trials[3];

        var first = halving.RungTrial(candidate, halving.Rungs[0], 3);
        var last = halving.RungTrial(candidate, halving.Rungs[^1], 3);
        var otherSeed = new SuccessiveHalving(plan, reseeded).RungTrial(candidate, halving.Rungs[0], 3);

        Assert.Same(candidate, last);
        Assert.NotEqual(candidate.Hash, first.Hash);
        Assert.DoesNotContain(first.Hash, plan.Trials.Select(t => t.Hash));
        Assert.Equal(candidate.Params, first.Params.Take(candidate.Params.Count));
        Assert.Equal(
            [new(SuccessiveHalving.RungParam, "0"), new(SuccessiveHalving.FractionParam, "0.5"), new(SuccessiveHalving.SubsampleSeedParam, "5")],
            first.Params.Skip(candidate.Params.Count));
        Assert.Equal(candidate.Seed, first.Seed);
        Assert.NotEqual(first.Hash, otherSeed.Hash);
    }

    [Theory]
    [InlineData(0.2, 1.0 / 8, 3, 0.4)]
    [InlineData(0.2, 1.0 / 9, 2, 0.6)]
    [InlineData(0.5, 0.25, 1, 2.0)]
    [InlineData(0.3, 1.0, 3, 0.3)]
    public void ScaleRadius_WidensByFractionToTheMinusOneOverD(double radius, double fraction, int dimensions, double expected)
    {
        Assert.Equal(expected, SuccessiveHalving.ScaleRadius(radius, fraction, dimensions), 12);
    }

    [Theory]
    [InlineData("none", 3, "0.4")]
    [InlineData("{pca: {components: 2}}", 2, "0.565685424949238")]
    public void RungTrial_Dbscan_EpsWidenedForTheSubsample_FullValueRecorded_FitUsesTheWidenedEps(string reduction, int dimensions, string expectedEps)
    {
        // Rung 0 of min_fraction 1/8, eta 2 fits an eighth of the customers: eps 0.2 · 8^(1/d).
        var yaml = "search:\n  scalers: [standard]\n  reduction: [" + reduction + "]\n  algorithms:\n    dbscan: {eps: [0.2], min_samples: [20]}\n"
            + "strategy: {kind: halving, min_fraction: 0.125, eta: 2}\n";
        var effective = ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(yaml, "sweep.yaml"));
        var config = SweepConfig.Bind(effective);
        var plan = SweepPlanner.Plan(config, SweepConfigLoader.HashOf(effective), "digest", ["recency", "frequency", "monetary"], "1.0.0");
        var halving = new SuccessiveHalving(plan, config);
        var candidate = plan.Trials[0];

        var first = halving.RungTrial(candidate, halving.Rungs[0], 3);

        Assert.Equal(dimensions, candidate.Reduction.Components ?? 3);
        var parameters = first.Params.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("0.2", parameters[SuccessiveHalving.FullValuePrefix + "dbscan.eps"]);
        Assert.Equal("20", parameters["dbscan.min_samples"]);
        var options = Assert.IsType<DbscanTrialOptions>(first.Options);
        Assert.Equal(double.Parse(expectedEps, System.Globalization.CultureInfo.InvariantCulture), options.Eps, 12);
        Assert.Equal(20, options.MinSamples);
        Assert.Equal(DbscanDescriptor.Eps.Format(options.Eps), parameters["dbscan.eps"]);
        Assert.Equal(0.2, Assert.IsType<DbscanTrialOptions>(candidate.Options).Eps);
        Assert.Same(candidate, halving.RungTrial(candidate, halving.Rungs[^1], 3));
    }

    [Fact]
    public void RungTrial_KMeans_NoRadius_ParamsOnlyGainTheRungKeys()
    {
        var (plan, config) = Plan("seed: 5");
        var halving = new SuccessiveHalving(plan, config);
        var candidate = plan.Trials[0];

        var first = halving.RungTrial(candidate, halving.Rungs[0], 3);

        Assert.Same(candidate.Options, first.Options);
        Assert.DoesNotContain(first.Params, p => p.Key.StartsWith(SuccessiveHalving.FullValuePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_MaxTrials_SeededSampleOfTheCandidatesStartsTheSchedule()
    {
        var (plan, config) = Plan("max_trials: 5, seed: 1");

        var halving = new SuccessiveHalving(plan, config);

        Assert.Equal([5, 2], halving.Rungs.Select(r => r.Trials));
        Assert.Equal(7, halving.Budget);
    }

    [Fact]
    public async Task RunAsync_Patience_LastRungStopsAfterPatienceTrialsWithoutGain()
    {
        // 10 candidates on half the customers, the best 5 on all of them; promoted in descending index, and on the full
        // data each scores a hair below the one before it: the first is the best, the next two are stale.
        var (plan, config) = Plan("patience: 2, min_delta: 0.001");
        var (hooks, ran) = Hooks(new Dictionary<string, TrialRun>(StringComparer.Ordinal));

        var stop = await new SuccessiveHalving(plan, config).RunAsync(hooks, CancellationToken.None);

        Assert.Equal(SearchStop.Patience, stop);
        Assert.Equal(10, ran.Count(t => t.Params.Any(p => p.Key == SuccessiveHalving.RungParam)));
        Assert.Equal([9, 8, 7], ran.Where(t => t.Params.All(p => p.Key != SuccessiveHalving.RungParam)).Select(t => t.Index));
    }

    [Fact]
    public async Task RunAsync_NoPatience_LastRungFitsEverySurvivor()
    {
        var (plan, config) = Plan("seed: 1");
        var (hooks, ran) = Hooks(new Dictionary<string, TrialRun>(StringComparer.Ordinal));

        Assert.Equal(SearchStop.TrialBudget, await new SuccessiveHalving(plan, config).RunAsync(hooks, CancellationToken.None));
        Assert.Equal(15, ran.Count);
    }

    [Fact]
    public async Task RunAsync_PatienceResumedAfterCancel_StopsAtTheSameTrial()
    {
        var (plan, config) = Plan("patience: 2, min_delta: 0.001");
        var store = new Dictionary<string, TrialRun>(StringComparer.Ordinal);
        using var cancel = new CancellationTokenSource();
        // Ctrl-C right after the first full-data trial is recorded.
        var (first, firstRan) = Hooks(store, t => t.Params.All(p => p.Key != SuccessiveHalving.RungParam), cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SuccessiveHalving(plan, config).RunAsync(first, cancel.Token));
        var (resumed, resumedRan) = Hooks(store);

        Assert.Equal(SearchStop.Patience, await new SuccessiveHalving(plan, config).RunAsync(resumed, CancellationToken.None));
        Assert.Equal([9], firstRan.Where(t => t.Params.All(p => p.Key != SuccessiveHalving.RungParam)).Select(t => t.Index));
        Assert.Equal([8, 7], resumedRan.Select(t => t.Index));
    }

    [Fact]
    public async Task RunAsync_SubsampleViolationWithinTolerance_RankedByItsObjective_BeyondItCut()
    {
        // 10 candidates on 45 of 90 customers, 5 promoted; max noise 0.2 on 45 of 90 rows is 0.2 + 2·√(0.16/45 · 45/89) =
        // 0.2848. Candidate 0 (noise 0.25, best objective) is within it and promoted ahead of the eligible 9, 8, 7, 6;
        // candidate 1 (noise 0.30, higher objective still) is beyond it and ranked after every eligible one.
        var (plan, config) = Plan("seed: 1", "constraints: {max_noise_fraction: 0.2}\n");
        var (hooks, ran) = Hooks(new Dictionary<string, TrialRun>(StringComparer.Ordinal), metrics: t => t.Index switch
        {
            0 => (0.9, 0.25),
            1 => (0.95, 0.30),
            _ => (0.1 + (0.01 * t.Index), 0.0),
        });

        await new SuccessiveHalving(plan, config).RunAsync(hooks, CancellationToken.None);

        Assert.Equal([0, 6, 7, 8, 9], ran.Where(t => t.Params.All(p => p.Key != SuccessiveHalving.RungParam)).Select(t => t.Index).Order());
    }

    [Fact]
    public void Bind_HalvingPatience_ReadsEarlyStopping()
    {
        var (_, config) = Plan("patience: 4, min_delta: 0.01");

        Assert.Equal(new EarlyStopping(4, 0.01), config.Strategy.EarlyStopping);
    }

    // Subsample trials score 0.1 + 0.01·index, full-data ones 0.5 + 0.0001·index: promotion goes by descending index, and
    // each full-data trial after the first gains nothing.
    // metrics: a subsample trial's (silhouette, noise_fraction) in place of that rule.
    private static (SearchHooks Hooks, List<Trial> Ran) Hooks(
        Dictionary<string, TrialRun> store,
        Func<Trial, bool>? cancelAfter = null,
        CancellationTokenSource? cancel = null,
        Func<Trial, (double Silhouette, double Noise)>? metrics = null)
    {
        var ran = new List<Trial>();
        var data = new SyntheticDataSource(90).Load(null!, "/", CancellationToken.None);
        var hooks = new SearchHooks(
            (hashes, _) => Task.FromResult<IReadOnlyDictionary<string, TrialRun>>(
                hashes.Where(store.ContainsKey).ToDictionary(h => h, h => store[h], StringComparer.Ordinal)),
            (batch, _, _) =>
            {
                foreach (var trial in batch)
                {
                    var subsample = trial.Params.Any(p => p.Key == SuccessiveHalving.RungParam);
                    var (silhouette, noise) = subsample && metrics is not null ? metrics(trial) : (subsample ? 0.1 + (0.01 * trial.Index) : 0.5 + (0.0001 * trial.Index), 0.0);
                    var values = new Dictionary<string, double>
                    {
                        ["silhouette"] = silhouette,
                        ["n_clusters"] = trial.Options.Clusters!.Value,
                        ["noise_fraction"] = noise,
                    };
                    store[trial.Hash] = new TrialRun(trial.Hash, trial.RunName, trial.Hash, trial.Params.ToDictionary(p => p.Key, p => p.Value), values, string.Empty);
                    ran.Add(trial);
                    if (cancelAfter?.Invoke(trial) == true)
                    {
                        cancel!.Cancel();
                    }
                }

                return Task.CompletedTask;
            },
            data,
            1,
            ShardSpec.All);
        return (hooks, ran);
    }

    private static (SweepPlan Plan, SweepConfig Config) Plan(string strategy, string extra = "")
    {
        var yaml = "search:\n  scalers: [standard, robust]\n  algorithms:\n    kmeans: {k: {from: 2, to: 6}}\nstrategy: {kind: halving, min_fraction: 0.5, eta: 2, " + strategy + "}\n" + extra;
        var effective = ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(yaml, "sweep.yaml"));
        var config = SweepConfig.Bind(effective);
        return (SweepPlanner.Plan(config, SweepConfigLoader.HashOf(effective), "digest", ["recency", "frequency", "monetary"], "1.0.0"), config);
    }
}
