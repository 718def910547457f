using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>
/// The loop of an adaptive sweep: read the sweep's FINISHED trials from the tracking store, propose a batch, run it,
/// repeat — until the trial budget, the time budget, early stopping or the candidates run out.
/// </summary>
/// <remarks>
/// <para>The history is always the store's, read through <see cref="SweepMembership"/>, never the loop's memory, so a
/// search cancelled with Ctrl-C and started again continues from the trials that finished: with the same seed it proposes
/// exactly what an uninterrupted search with that history would. The estimators do not depend on the order of the
/// history, so neither the store's order nor the completion order of a batch matters; each batch draws from a stream
/// seeded by the strategy seed and the history's size.</para>
/// <para>A trial that fails is not proposed again by this invocation (a later one retries it, as a grid re-run does) and
/// counts against <c>max_trials</c>. Patience counts trials in proposal order from the start of the search, not of this
/// invocation: the history read at start is replayed (<see cref="Replay"/>), so a resumed search stops where an
/// uninterrupted one would.</para>
/// <para>Shards (<c>--shard i/n</c>): every shard computes the same batch of n × workers proposals from the shared history
/// and runs the slots s with s mod n = i − 1. Shards that read the store at different moments can see different
/// histories and so propose overlapping batches; a candidate may then be fitted twice. That is safe — membership keeps
/// one run per trial hash (the oldest), the budget counts hashes — only wasteful, until trial claims make each proposal
/// run once.</para>
/// </remarks>
public sealed class AdaptiveSearch : IAdaptiveSearch
{
    private readonly SweepPlan _plan;
    private readonly SweepConfig _config;
    private readonly TimeProvider _clock;
    private readonly TpeSampler _sampler;
    private readonly Dictionary<string, int> _indexByHash;
    private readonly ConstraintsConfig _constraints;

    /// <summary>A search over the candidates of <paramref name="plan"/> under <paramref name="config"/>'s tpe strategy.</summary>
    public AdaptiveSearch(SweepPlan plan, SweepConfig config, TimeProvider clock)
    {
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        var settings = config.Strategy.Tpe ?? throw new ArgumentException("the strategy is not adaptive (kind: tpe)", nameof(config));
        _sampler = new TpeSampler(TuningSpace.Of(plan.Trials), settings);
        _indexByHash = plan.Trials.ToDictionary(t => t.Hash, t => t.Index, StringComparer.Ordinal);
        _constraints = TrialScore.SearchConstraints(config.Constraints);
    }

    /// <inheritdoc/>
    /// <remarks><c>max_trials</c>, or every candidate.</remarks>
    public int Budget => Math.Min(_config.Strategy.MaxTrials ?? _plan.Trials.Count, _plan.Trials.Count);

    /// <summary>A finished trial's score for the estimator: the objective, higher is better; null unless eligible.</summary>
    public double? Score(TrialRun run) => TrialScore.Of(run, _config.Objective, _constraints);

    /// <summary>
    /// The next batch for <paramref name="shard"/>, in proposal order: <paramref name="count"/> proposals per shard (fewer
    /// when the budget or the candidates run out), from the <paramref name="finished"/> trials, never one in <paramref name="excluded"/>.
    /// </summary>
    public IReadOnlyList<Trial> NextBatch(IReadOnlyDictionary<string, TrialRun> finished, IReadOnlySet<string> excluded, int count, ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(excluded);
        ArgumentNullException.ThrowIfNull(shard);
        var observed = Observations(finished);
        var left = Budget - observed.Count - excluded.Count(h => !finished.ContainsKey(h));
        var size = Math.Min(count * shard.Count, left);
        if (size <= 0)
        {
            return [];
        }

        var excludedIndexes = excluded.Where(_indexByHash.ContainsKey).Select(h => _indexByHash[h]).ToHashSet();
        var proposals = _sampler.Propose(observed, excludedIndexes, size, BatchSeed(observed.Count));
        return [.. proposals.Where((_, slot) => shard.Contains(slot)).Select(i => _plan.Trials[i])];
    }

    /// <summary>
    /// Runs the search: batches of <see cref="SearchHooks.Workers"/> proposals unless <c>batch_size</c> says otherwise,
    /// each executed through the runner and read back from the store. Returns why it stopped; cancellation throws.
    /// </summary>
    public async Task<SearchStop> RunAsync(SearchHooks hooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var shard = hooks.Shard;
        var candidates = _plan.Trials.Select(t => t.Hash).ToList();
        Task<IReadOnlyDictionary<string, TrialRun>> ReadFinished(CancellationToken ct) => hooks.ReadFinished(candidates, ct);
        Task Execute(IReadOnlyList<Trial> batch, CancellationToken ct) => hooks.Execute(batch, hooks.Data, ct);
        var workers = hooks.Workers;
        var strategy = _config.Strategy;
        var started = _clock.GetTimestamp();
        var batchSize = strategy.Tpe!.BatchSize ?? Math.Max(1, workers);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var finished = await ReadFinished(cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(finished.Keys, StringComparer.Ordinal);
        var (best, stale) = Replay(finished, batchSize * shard.Count);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (strategy.EarlyStopping is { } stopping && stale >= stopping.Patience)
            {
                return SearchStop.Patience;
            }

            if (strategy.TimeBudget is { } budget && _clock.GetElapsedTime(started) >= budget)
            {
                return SearchStop.TimeBudget;
            }

            var batch = NextBatch(finished, failed, batchSize, shard);
            if (batch.Count == 0)
            {
                return strategy.MaxTrials is { } max && finished.Count + failed.Count >= max ? SearchStop.TrialBudget : SearchStop.Exhausted;
            }

            await Execute(batch, cancellationToken).ConfigureAwait(false);
            finished = await ReadFinished(cancellationToken).ConfigureAwait(false);
            foreach (var trial in batch.Where(t => !finished.ContainsKey(t.Hash)))
            {
                failed.Add(trial.Hash);
            }

            // Ours in proposal order, then what other shards finished meanwhile, in plan order.
            var order = batch.Select((t, slot) => (t.Hash, slot)).ToDictionary(p => p.Hash, p => p.slot, StringComparer.Ordinal);
            var fresh = finished.Where(m => seen.Add(m.Key))
                .OrderBy(m => order.TryGetValue(m.Key, out var slot) ? slot : int.MaxValue)
                .ThenBy(m => _indexByHash.GetValueOrDefault(m.Key));
            foreach (var (_, run) in fresh)
            {
                (best, stale) = Patience.Observe(_config.Strategy.EarlyStopping, best, stale, Score(run));
            }

            stale += batch.Count(t => failed.Contains(t.Hash));
        }
    }

    /// <summary>
    /// The best score and the number of trials since it improved by more than <c>min_delta</c>, for the store's
    /// <paramref name="finished"/> trials counted in the order an uninterrupted search proposed them: the batches of
    /// <paramref name="roundSize"/> (every shard's slots) are proposed again from the empty history — the proposals are a
    /// function of the history and the seed — as long as each batch finished; the rest (a batch cut short, other seeds'
    /// or strategies' trials in the same sweep) follow in plan order.
    /// </summary>
    /// <remarks>So a search resumed after Ctrl-C between batches stops after the trial an uninterrupted one stops after. A
    /// trial that failed ends the replay (a new invocation retries it), so after failures the count is only close.</remarks>
    public (double? Best, int Stale) Replay(IReadOnlyDictionary<string, TrialRun> finished, int roundSize)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var replayed = new Dictionary<string, TrialRun>(StringComparer.Ordinal);
        double? best = null;
        var stale = 0;
        var complete = true;
        while (complete && replayed.Count < finished.Count)
        {
            var batch = NextBatch(replayed, new HashSet<string>(StringComparer.Ordinal), Math.Max(1, roundSize), ShardSpec.All);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var trial in batch)
            {
                if (finished.TryGetValue(trial.Hash, out var run))
                {
                    replayed[trial.Hash] = run;
                    (best, stale) = Patience.Observe(_config.Strategy.EarlyStopping, best, stale, Score(run));
                }
                else
                {
                    complete = false;
                }
            }
        }

        foreach (var (_, run) in finished.Where(m => !replayed.ContainsKey(m.Key)).OrderBy(m => _indexByHash.GetValueOrDefault(m.Key, int.MaxValue)).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            (best, stale) = Patience.Observe(_config.Strategy.EarlyStopping, best, stale, Score(run));
        }

        return (best, stale);
    }

    private List<TpeObservation> Observations(IReadOnlyDictionary<string, TrialRun> finished) =>
        [.. finished.Where(m => _indexByHash.ContainsKey(m.Key)).Select(m => new TpeObservation(_indexByHash[m.Key], Score(m.Value))).OrderBy(o => o.Candidate)];

    // One stream per history size: resuming with the same history redraws the same batch.
    private int BatchSeed(int observed) =>
        unchecked((int)((uint)(_config.Strategy.Seed ?? _config.Seed) * 2_654_435_761u) ^ (observed * 40_503));
}
