using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl 2011, "Algorithms for hyper-parameter
/// optimization") over the finite candidates of a sweep. The observed trials split into the best ⌈γ·n⌉ (at most 25) and
/// the rest; each group gets one estimator per axis — an axis of one algorithm only from that algorithm's trials, so the
/// space is conditional on the algorithm — whose product gives l(x) and g(x). A proposal draws <c>candidates</c> open
/// candidates with probability ∝ l(x) and keeps the one with the largest l(x)/g(x), the paper's expected-improvement
/// criterion. The first <c>startup_trials</c> proposals are uniform among the open candidates.
/// </summary>
/// <remarks>
/// Batches stay diverse in two ways: a batch never holds a candidate twice (nor one already observed), and each proposal
/// joins the history as a pending trial scored "bad" — a constant liar (Ginsbourger et al. 2010), the pessimistic
/// choice — so g(x) grows around it and the next proposal of the batch is pushed elsewhere. Every random draw comes from
/// one seeded stream per batch, and ties go to the smaller candidate index, so a history and a seed give one batch.
/// </remarks>
public sealed class TpeSampler
{
    private readonly TuningSpace _space;
    private readonly TpeSettings _settings;

    /// <summary>A sampler over <paramref name="space"/>.</summary>
    public TpeSampler(TuningSpace space, TpeSettings settings)
    {
        _space = space ?? throw new ArgumentNullException(nameof(space));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    /// <summary>
    /// Up to <paramref name="count"/> distinct open candidates (neither observed nor in <paramref name="excluded"/>), in
    /// proposal order; fewer when the space runs out.
    /// </summary>
    public IReadOnlyList<int> Propose(IReadOnlyList<TpeObservation> observed, IReadOnlySet<int> excluded, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(excluded);
        var random = SplitMix64.FromSeed(seed);
        var taken = new HashSet<int>(observed.Select(o => o.Candidate));
        taken.UnionWith(excluded);
        var history = observed.ToList();
        var proposals = new List<int>();
        while (proposals.Count < count)
        {
            var open = Enumerable.Range(0, _space.Candidates.Count).Where(i => !taken.Contains(i)).ToList();
            if (open.Count == 0)
            {
                break;
            }

            var next = history.Count < _settings.StartupTrials ? open[random.NextInt(open.Count)] : MostPromising(history, open, random);
            proposals.Add(next);
            taken.Add(next);
            history.Add(new TpeObservation(next, null));
        }

        return proposals;
    }

    /// <summary>The good and bad groups: the <see cref="TpeSettings.GoodCount"/> best by score (ties to the smaller index), then the rest.</summary>
    public static (IReadOnlyList<TpeObservation> Good, IReadOnlyList<TpeObservation> Bad) Split(IReadOnlyList<TpeObservation> history, TpeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(settings);
        var ranked = history
            .OrderBy(o => o.Score is null)
            .ThenByDescending(o => o.Score ?? 0)
            .ThenBy(o => o.Candidate)
            .ToList();
        var good = settings.GoodCount(ranked.Count);
        return (ranked.GetRange(0, good), ranked.GetRange(good, ranked.Count - good));
    }

    /// <summary>log l(x) or log g(x) of every candidate under the estimators fitted to <paramref name="group"/>.</summary>
    public double[] LogDensities(IReadOnlyList<TpeObservation> group, IReadOnlyList<int> candidates)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(candidates);
        var result = new double[candidates.Count];
        for (var d = 0; d < _space.Dimensions.Count; d++)
        {
            var axis = _space.Dimensions[d];
            // Only the trials the axis applies to inform it: the tree structure of the estimator.
            var values = group.Select(o => _space.Coordinate(o.Candidate, d)).Where(v => !double.IsNaN(v)).ToList();
            Func<double, double> logDensity;
            if (axis.IsNumeric)
            {
                logDensity = new ParzenEstimator(values, axis.Low, axis.High, _settings.PriorWeight).LogDensity;
            }
            else
            {
                var categorical = new CategoricalEstimator([.. values.Select(v => (int)v)], axis.Choices.Count, _settings.PriorWeight);
                logDensity = v => categorical.LogDensity((int)v);
            }

            for (var j = 0; j < candidates.Count; j++)
            {
                var x = _space.Coordinate(candidates[j], d);
                if (!double.IsNaN(x))
                {
                    result[j] += logDensity(x);
                }
            }
        }

        return result;
    }

    private int MostPromising(IReadOnlyList<TpeObservation> history, List<int> open, SplitMix64 random)
    {
        var (good, bad) = Split(history, _settings);
        var logL = LogDensities(good, open);
        var logG = LogDensities(bad, open);
        var max = logL.Max();
        var cumulative = new double[open.Count];
        var sum = 0.0;
        for (var j = 0; j < open.Count; j++)
        {
            sum += Math.Exp(logL[j] - max);
            cumulative[j] = sum;
        }

        var best = -1;
        for (var draw = 0; draw < _settings.Candidates; draw++)
        {
            var u = random.NextDouble() * sum;
            var j = Array.BinarySearch(cumulative, u);
            j = j < 0 ? Math.Min(~j, open.Count - 1) : Math.Min(j + 1, open.Count - 1);
            var ratio = logL[j] - logG[j];
            if (best < 0 || ratio > logL[best] - logG[best] || (ratio == logL[best] - logG[best] && open[j] < open[best]))
            {
                best = j;
            }
        }

        return open[best];
    }
}
