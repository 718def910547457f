using System.Globalization;
using Segmentation.Clustering;
using Segmentation.Core.Json;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>
/// Successive halving (Jamieson and Talwalkar 2016, the inner loop of Li et al. 2017's Hyperband) with the number of
/// customers as the resource: every candidate is fitted on a seeded subsample of <c>min_fraction</c> of the customers,
/// the best 1/eta by the objective under the constraints (checked on each rung, with <see cref="RungConstraints"/>'
/// sampling tolerance on the subsamples) are fitted on eta times as many, and so on until the survivors are fitted on all
/// of them.
/// </summary>
/// <remarks>
/// <para>Radius-like parameters (the descriptor's <see cref="IAlgorithmDescriptor.SubsampleRadii"/>, DBSCAN's eps) are
/// widened by fraction^(−1/d) (<see cref="ScaleRadius"/>), so a subsample fit looks for the density the full-data fit will:
/// unscaled, a ninth of the customers would need a nine times denser neighbourhood and rank the candidate as another one.</para>
/// <para>A subsample trial is the candidate's params (radii widened, their full-data values kept under
/// <see cref="FullValuePrefix"/>) plus <c>halving.rung</c>, <c>halving.fraction</c> and
/// <c>halving.subsample_seed</c>, so its hash
/// (and run) is its own and never one of the plan's: only the last rung's trials — the ordinary full-data trials, the
/// same hashes a grid would fit — are sweep members, so only they can be selected or promoted. Each rung's subsample is
/// the same for all its candidates (a fair comparison) and is drawn from the strategy seed and the fraction only.</para>
/// <para>Every rung reads its finished trials back from the tracking store before it runs anything, so a re-run after
/// Ctrl-C skips what finished and promotes exactly as the interrupted run would have: ranking is by score, then plan
/// order. With <c>--shard i/n</c> each shard runs the slots s mod n = i − 1 of every rung; a shard that ranks a rung
/// before the others finished their slots counts those trials as not eligible, so shards can promote different
/// survivors. Every trial stays valid, but the schedule is only the textbook one when one invocation runs it.</para>
/// </remarks>
public sealed class SuccessiveHalving : IAdaptiveSearch
{
    /// <summary>The param key of a subsample trial's rung.</summary>
    public const string RungParam = "halving.rung";

    /// <summary>The param key of a subsample trial's share of the customers.</summary>
    public const string FractionParam = "halving.fraction";

    /// <summary>The param key of the seed a subsample trial's customers were drawn with: another seed is another subsample, so another trial.</summary>
    public const string SubsampleSeedParam = "halving.subsample_seed";

    /// <summary>
    /// The prefix of the params that keep a widened radius's full-data value on a subsample trial: <c>halving.full.dbscan.eps</c>
    /// holds the candidate's eps while <c>dbscan.eps</c> holds the one the subsample was fitted with.
    /// </summary>
    public const string FullValuePrefix = "halving.full.";

    private readonly SweepPlan _plan;
    private readonly SweepConfig _config;
    private readonly HalvingSettings _settings;
    private readonly IReadOnlyList<Trial> _candidates;

    /// <summary>A search over <paramref name="plan"/>'s candidates (a seeded sample of <c>max_trials</c> of them, or all).</summary>
    public SuccessiveHalving(SweepPlan plan, SweepConfig config)
    {
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _settings = config.Strategy.Halving ?? throw new ArgumentException("the strategy is not kind: halving", nameof(config));
        var seed = config.Strategy.Seed ?? config.Seed;
        _candidates = config.Strategy.MaxTrials is { } n && n < plan.Trials.Count
            ? [.. SweepPlanner.Sample(plan.Trials.Count, n, seed).Select(i => plan.Trials[i])]
            : plan.Trials;
        Rungs = Schedule(_candidates.Count, _settings.MinFraction, _settings.Eta);
    }

    /// <summary>The seed of every rung's subsample: the strategy's, else the sweep's.</summary>
    public int SubsampleSeed => _config.Strategy.Seed ?? _config.Seed;

    /// <summary>The rungs this search runs.</summary>
    public IReadOnlyList<HalvingRung> Rungs { get; }

    /// <inheritdoc/>
    public int Budget => Rungs.Sum(r => r.Trials);

    /// <summary>
    /// The rungs for <paramref name="candidates"/>, as in Hyperband's brackets: s = ⌊log_eta(1/min_fraction)⌋ rungs on
    /// eta^−s, eta^−(s−1), … of the customers, then all of them (so the first fraction is the smallest power of 1/eta not
    /// below min_fraction); the first rung fits every candidate and each next one ⌊n/eta⌋ (at least 1) of the previous n.
    /// </summary>
    public static IReadOnlyList<HalvingRung> Schedule(int candidates, double minFraction, int eta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(eta, 2);
        // The tolerance keeps log_3(9) from landing a hair under 2 and losing a rung.
        var steps = (int)Math.Floor((Math.Log(1 / minFraction) / Math.Log(eta)) + 1e-9);
        var rungs = new List<HalvingRung>();
        var count = candidates;
        for (var i = 0; i <= steps; i++)
        {
            rungs.Add(new HalvingRung(i, i == steps ? 1.0 : Math.Pow(eta, i - steps), count));
            count = Math.Max(1, count / eta);
        }

        return rungs;
    }

    /// <summary>How many of <paramref name="rows"/> customers a rung on <paramref name="fraction"/> of them fits: ⌈fraction·rows⌉, at least 1.</summary>
    public static int SubsampleRows(int rows, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        return Math.Clamp((int)Math.Ceiling(fraction * rows), 1, rows);
    }

    /// <summary>The seeded subsample of <paramref name="data"/> a rung fits on: <see cref="SubsampleRows"/> customers, in table order.</summary>
    public static TrainingData Subsample(TrainingData data, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = data.CustomerIds.Length;
        var take = SubsampleRows(rows, fraction);
        var fractionText = fraction.ToString("R", CultureInfo.InvariantCulture);
        var bits = BitConverter.DoubleToInt64Bits(fraction);
        var keep = SweepPlanner.Sample(rows, take, unchecked((seed * 31) + (int)(bits ^ (bits >> 32)))).ToArray();
        var features = new Matrix(take, data.FeatureNames.Count);
        for (var i = 0; i < take; i++)
        {
            data.Features.Row(keep[i]).CopyTo(features.Row(i));
        }

        var digest = CanonicalJson.Sha256Hex(data.Digest + ":subsample:" + fractionText + ":" + seed.ToString(CultureInfo.InvariantCulture));
        return new TrainingData([.. keep.Select(i => data.CustomerIds[i])], data.FeatureNames, features, digest, data.SourcePath, data.Name + "_subsample")
        {
            Columns = [.. data.Columns.Select(c => new KeyValuePair<string, double[]>(c.Key, [.. keep.Select(i => c.Value[i])]))],
        };
    }

    /// <summary>
    /// A radius-like parameter (<see cref="IAlgorithmDescriptor.SubsampleRadii"/>) on a share <paramref name="fraction"/> of
    /// the customers in <paramref name="dimensions"/> dimensions: radius·fraction^(−1/d), the radius whose ball holds as
    /// many customers of the subsample as the original holds of all of them (for locally uniform density).
    /// </summary>
    public static double ScaleRadius(double radius, double fraction, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return fraction >= 1 ? radius : radius * Math.Pow(fraction, -1.0 / dimensions);
    }

    /// <summary>
    /// The trial of <paramref name="candidate"/> on rung <paramref name="rung"/>: the candidate itself on the last rung, else
    /// its subsample variant, its radii widened for a table of <paramref name="features"/> columns (or its PCA components).
    /// </summary>
    public Trial RungTrial(Trial candidate, HalvingRung rung, int features)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(rung);
        if (rung.Fraction >= 1)
        {
            return candidate;
        }

        var fraction = rung.Fraction.ToString("R", CultureInfo.InvariantCulture);
        var descriptor = candidate.Options.Descriptor;
        var dimensions = candidate.Reduction.Components ?? features;
        var scaled = descriptor.SubsampleRadii
            .Select(p => (Range: p, Index: IndexOf(candidate.Params, p.ParamKey)))
            .Where(p => p.Index >= 0)
            .Select(p => (p.Range, p.Index, Full: double.Parse(candidate.Params[p.Index].Value, CultureInfo.InvariantCulture)))
            .ToList();
        var parameters = candidate.Params.ToList();
        foreach (var (range, index, full) in scaled)
        {
            parameters[index] = new(range.ParamKey, range.Format(ScaleRadius(full, rung.Fraction, dimensions)));
        }

        parameters.Add(new(RungParam, rung.Index.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new(FractionParam, fraction));
        parameters.Add(new(SubsampleSeedParam, SubsampleSeed.ToString(CultureInfo.InvariantCulture)));
        // The full-data value stays on the run, so a subsample trial still names the candidate it stands for.
        parameters.AddRange(scaled.Select(p => new KeyValuePair<string, string>(FullValuePrefix + p.Range.ParamKey, p.Range.Format(p.Full))));
        var options = scaled.Count == 0
            ? candidate.Options
            : descriptor.Read(new ParameterValues(descriptor.Parameters
                .Select(p => (p.Name, Index: IndexOf(parameters, p.ParamKey)))
                .Where(p => p.Index >= 0)
                .Select(p => new KeyValuePair<string, object>(p.Name, parameters[p.Index].Value))));
        return candidate with
        {
            Options = options,
            Params = parameters,
            RunName = candidate.RunName + "-r" + rung.Index.ToString(CultureInfo.InvariantCulture) + "f" + rung.Fraction.ToString("0.###", CultureInfo.InvariantCulture),
            Hash = SweepPlanner.TrialHash(_plan.DatasetDigest, CanonicalJson.Of(parameters), ToolVersion.Current),
        };
    }

    /// <inheritdoc/>
    public async Task<SearchStop> RunAsync(SearchHooks hooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var constraints = TrialScore.SearchConstraints(_config.Constraints);
        var seed = SubsampleSeed;
        IReadOnlyList<Trial> survivors = _candidates;
        foreach (var rung in Rungs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var data = rung.Fraction >= 1 ? hooks.Data : Subsample(hooks.Data, rung.Fraction, seed);
            var trials = survivors.Select(c => RungTrial(c, rung, hooks.Data.FeatureNames.Count)).ToList();
            var hashes = trials.Select(t => t.Hash).ToList();
            if (rung.Index == Rungs.Count - 1 && _config.Strategy.EarlyStopping is { } stopping)
            {
                return await RunLastRungAsync(trials, stopping, hooks, cancellationToken).ConfigureAwait(false);
            }

            var finished = await hooks.ReadFinished(hashes, cancellationToken).ConfigureAwait(false);
            var toRun = trials.Where((t, slot) => hooks.Shard.Contains(slot) && !finished.ContainsKey(t.Hash)).ToList();
            if (toRun.Count > 0)
            {
                await hooks.Execute(toRun, data, cancellationToken).ConfigureAwait(false);
                finished = await hooks.ReadFinished(hashes, cancellationToken).ConfigureAwait(false);
            }

            if (rung.Index == Rungs.Count - 1)
            {
                break;
            }

            var next = Rungs[rung.Index + 1].Trials;
            survivors = [.. survivors
                .Select((candidate, i) => (candidate, Score: finished.TryGetValue(trials[i].Hash, out var run)
                    ? RungConstraints.Score(run, _config.Objective, constraints, data.CustomerIds.Length, hooks.Data.CustomerIds.Length)
                    : null))
                .OrderBy(s => s.Score is null)
                .ThenByDescending(s => s.Score ?? 0)
                .ThenBy(s => s.candidate.Index)
                .Take(next)
                .Select(s => s.candidate)];
        }

        return SearchStop.TrialBudget;
    }

    /// <summary>
    /// The full-data rung under early stopping: its trials in promotion order (best on the rung before first), in rounds of
    /// one per worker; after each round the finished ones are walked in that order, and once <c>patience</c> in a row gain
    /// no more than <c>min_delta</c> over the best full-data score before them, the rest are not fitted.
    /// </summary>
    /// <remarks>The count runs over the done prefix of that order in the store's FINISHED trials, so a re-run after Ctrl-C
    /// stops at the trial an uninterrupted run stops at (give or take the rest of the round under way). A trial that
    /// failed counts as no gain and is not retried by this invocation.</remarks>
    private async Task<SearchStop> RunLastRungAsync(IReadOnlyList<Trial> ranked, EarlyStopping stopping, SearchHooks hooks, CancellationToken cancellationToken)
    {
        var constraints = TrialScore.SearchConstraints(_config.Constraints);
        var hashes = ranked.Select(t => t.Hash).ToList();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var round = Math.Max(1, hooks.Workers) * hooks.Shard.Count;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var finished = await hooks.ReadFinished(hashes, cancellationToken).ConfigureAwait(false);
            double? best = null;
            var stale = 0;
            var open = new List<Trial>();
            foreach (var trial in ranked)
            {
                if (!finished.TryGetValue(trial.Hash, out var run) && !failed.Contains(trial.Hash))
                {
                    open.Add(trial);
                }
                else if (open.Count == 0)
                {
                    // Only the done prefix counts: what a run in promotion order has seen when it reaches this trial.
                    (best, stale) = Patience.Observe(stopping, best, stale, run is null ? null : TrialScore.Of(run, _config.Objective, constraints));
                    if (stale >= stopping.Patience)
                    {
                        return SearchStop.Patience;
                    }
                }
            }

            var toRun = open.Take(round).Where((_, slot) => hooks.Shard.Contains(slot)).ToList();
            if (toRun.Count == 0)
            {
                return SearchStop.TrialBudget;
            }

            await hooks.Execute(toRun, hooks.Data, cancellationToken).ConfigureAwait(false);
            var after = await hooks.ReadFinished([.. toRun.Select(t => t.Hash)], cancellationToken).ConfigureAwait(false);
            failed.UnionWith(toRun.Select(t => t.Hash).Where(h => !after.ContainsKey(h)));
        }
    }

    private static int IndexOf(IReadOnlyList<KeyValuePair<string, string>> parameters, string key)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}
