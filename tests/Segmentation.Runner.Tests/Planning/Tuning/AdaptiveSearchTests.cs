using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Planning.Tuning;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Tests.Planning.Tuning;

/// <summary>The tpe loop against in-memory hooks: stopping rules without a tracking store.</summary>
public sealed class AdaptiveSearchTests
{
    [Fact]
    public async Task RunAsync_TimeBudget_NoBatchStartsAfterIt()
    {
        // Each batch of 2 takes 4 minutes on this clock: batches start at 0, 4 and 8 minutes; at 12 the 10m budget is spent.
        var (search, clock, hooks, ran) = Setup("max_trials: 40, time_budget: 10m, batch_size: 2", TimeSpan.FromMinutes(4), silhouette: _ => 0.5);

        var stop = await search.RunAsync(hooks, CancellationToken.None);

        Assert.Equal(SearchStop.TimeBudget, stop);
        Assert.Equal(6, ran.Count);
        Assert.Equal(TimeSpan.FromMinutes(12), clock.Elapsed);
    }

    [Fact]
    public async Task RunAsync_NoBudgetLeft_StopsOnTheTrialBudget()
    {
        var (search, _, hooks, ran) = Setup("max_trials: 5, batch_size: 2", TimeSpan.Zero, silhouette: _ => 0.5);

        Assert.Equal(SearchStop.TrialBudget, await search.RunAsync(hooks, CancellationToken.None));
        Assert.Equal(5, ran.Count);
    }

    [Fact]
    public async Task RunAsync_EveryCandidateTried_Exhausted()
    {
        var (search, _, hooks, ran) = Setup("time_budget: 1h, batch_size: 3", TimeSpan.Zero, silhouette: _ => 0.5);

        Assert.Equal(SearchStop.Exhausted, await search.RunAsync(hooks, CancellationToken.None));
        Assert.Equal(10, ran.Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_ImprovementsBelowMinDelta_PatienceEndsTheSearch()
    {
        // Scores rise by 0.001 per trial in proposal order: never more than min_delta 0.01, so trials 2, 3 and 4 are stale.
        var (search, _, hooks, ran) = Setup("max_trials: 10, batch_size: 1, patience: 3, min_delta: 0.01", TimeSpan.Zero, silhouette: n => 0.3 + (0.001 * n));

        Assert.Equal(SearchStop.Patience, await search.RunAsync(hooks, CancellationToken.None));
        Assert.Equal(4, ran.Count);
    }

    [Fact]
    public async Task RunAsync_ClearImprovements_PatienceNeverRunsOut()
    {
        var (search, _, hooks, ran) = Setup("max_trials: 8, batch_size: 1, patience: 2, min_delta: 0.01", TimeSpan.Zero, silhouette: n => 0.1 + (0.05 * n));

        Assert.Equal(SearchStop.TrialBudget, await search.RunAsync(hooks, CancellationToken.None));
        Assert.Equal(8, ran.Count);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 1)]
    [InlineData(2, 3)]
    public async Task RunAsync_ResumedAfterCancel_PatienceCountsTheRebuiltHistory_StopsWhereAnUninterruptedSearchStops(int batchSize, int batchesBeforeCancel)
    {
        // Scores rise by 0.001 per trial: after the first, every trial is stale, so patience 4 ends the search after 5 trials.
        var strategy = $"max_trials: 10, batch_size: {batchSize}, patience: 4, min_delta: 0.01";
        var (whole, _, wholeHooks, uninterrupted) = Setup(strategy, TimeSpan.Zero, silhouette: n => 0.3 + (0.001 * n));
        Assert.Equal(SearchStop.Patience, await whole.RunAsync(wholeHooks, CancellationToken.None));

        var finished = new Dictionary<string, TrialRun>(StringComparer.Ordinal);
        var ran = new List<string>();
        using var cancel = new CancellationTokenSource();
        var (first, _, firstHooks, _) = Setup(strategy, TimeSpan.Zero, silhouette: n => 0.3 + (0.001 * n), finished, ran, cancel, batchesBeforeCancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(firstHooks, cancel.Token));
        Assert.Equal(batchSize * batchesBeforeCancel, ran.Count);
        var (resumed, _, resumedHooks, _) = Setup(strategy, TimeSpan.Zero, silhouette: n => 0.3 + (0.001 * n), finished, ran);

        Assert.Equal(SearchStop.Patience, await resumed.RunAsync(resumedHooks, CancellationToken.None));
        Assert.Equal(uninterrupted, ran);
    }

    [Fact]
    public async Task Replay_HistoryInProposalOrder_CountsStaleTrialsSinceTheLastGain()
    {
        // Trial n scores 0.5 for n = 2, else 0.3 + 0.001·n: the gain at the third trial resets the count, the two after it are stale.
        var (search, _, hooks, ran) = Setup("max_trials: 5, batch_size: 1", TimeSpan.Zero, silhouette: n => n == 2 ? 0.5 : 0.3 + (0.001 * n));
        await search.RunAsync(hooks, CancellationToken.None);
        var finished = await hooks.ReadFinished(ran, CancellationToken.None);

        var (best, stale) = search.Replay(finished, 1);

        Assert.Equal(0.5, best);
        Assert.Equal(2, stale);
    }

    private static (AdaptiveSearch Search, SteppingClock Clock, SearchHooks Hooks, List<string> Ran) Setup(
        string strategy,
        TimeSpan perBatch,
        Func<int, double> silhouette,
        Dictionary<string, TrialRun>? store = null,
        List<string>? log = null,
        CancellationTokenSource? cancel = null,
        int cancelAfterBatches = 0)
    {
        var yaml = "search:\n  scalers: [standard, robust]\n  algorithms:\n    kmeans: {k: {from: 2, to: 6}}\nstrategy: {kind: tpe, startup_trials: 2, " + strategy + "}\n";
        var effective = ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(yaml, "sweep.yaml"));
        var config = SweepConfig.Bind(effective);
        var plan = SweepPlanner.Plan(config, SweepConfigLoader.HashOf(effective), "digest", ["recency", "frequency", "monetary"], "1.0.0");
        var clock = new SteppingClock();
        var finished = store ?? new Dictionary<string, TrialRun>(StringComparer.Ordinal);
        var ran = log ?? [];
        var batches = 0;
        var hooks = new SearchHooks(
            (hashes, _) => Task.FromResult<IReadOnlyDictionary<string, TrialRun>>(
                hashes.Where(finished.ContainsKey).ToDictionary(h => h, h => finished[h], StringComparer.Ordinal)),
            (batch, _, _) =>
            {
                foreach (var trial in batch)
                {
                    var metrics = new Dictionary<string, double> { ["silhouette"] = silhouette(ran.Count), ["n_clusters"] = trial.Options.Clusters!.Value };
                    finished[trial.Hash] = new TrialRun(trial.Hash, trial.RunName, trial.Hash, trial.Params.ToDictionary(p => p.Key, p => p.Value), metrics, string.Empty);
                    ran.Add(trial.Hash);
                }

                clock.Advance(perBatch);
                // Ctrl-C once the batch is recorded: the search stops before it reads the history again.
                if (cancel is not null && ++batches == cancelAfterBatches)
                {
                    cancel.Cancel();
                }

                return Task.CompletedTask;
            },
            null!,
            1,
            ShardSpec.All);
        return (new AdaptiveSearch(plan, config, clock), clock, hooks, ran);
    }

    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public TimeSpan Elapsed => TimeSpan.FromTicks(_ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
