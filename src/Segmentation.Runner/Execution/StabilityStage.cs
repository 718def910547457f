using Segmentation.Clustering.Stability;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Selection;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Execution;

/// <summary>
/// The step after the grid (<c>stability:</c>): ranks the finished trials without <c>min_stability</c>, takes the top N
/// eligible ones, refits each on bootstrap resamples of its own preprocessed matrix (<see cref="RefitStability"/>),
/// logs <c>stability_ari_mean</c> and <c>stability_ari_min</c> into their child runs and returns the trials with the numbers,
/// so the final ranking applies <c>min_stability</c>.
/// </summary>
/// <remarks>
/// Only the top N need it, so it is not a per-trial metric: computing it for every trial would cost B refits each.
/// Preprocessing is fitted again once per (scaler, reduction) among the top trials — one matrix in memory at a time,
/// as in the grid — and the scaler and PCA are not refitted per resample: stability measures the clustering, on the
/// features the trial clustered. A trial whose run already has the numbers (a resumed sweep) is not computed again.
/// </remarks>
public sealed class StabilityStage(ITrackingStore store, TimeProvider clock)
{
    private readonly ITrackingStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Computes and logs stability for the top trials; returns every trial, the top ones with the two metrics added.</summary>
    /// <param name="members">The sweep's finished trials.</param>
    /// <param name="plan">The plan, to find each trial's exact configuration and seed by hash.</param>
    /// <param name="data">The training table the trials were fitted on.</param>
    /// <param name="config">Objective, constraints and the <c>stability:</c> section (null: nothing to do).</param>
    /// <param name="maxParallel">Refits running at once.</param>
    /// <param name="cancellationToken">Stops between trials.</param>
    public async Task<IReadOnlyList<TrialRun>> RunAsync(
        IReadOnlyCollection<TrialRun> members, SweepPlan plan, TrainingData data, SweepConfig config, int maxParallel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Stability is not { } stability)
        {
            return [.. members];
        }

        var started = _clock.GetTimestamp();
        var withoutStability = config.Constraints with { MinStability = null };
        var trials = plan.Trials.ToDictionary(t => t.Hash, StringComparer.Ordinal);
        var top = Leaderboard.Rank(members, config.Objective, withoutStability).Entries
            .Where(e => e.Eligible)
            .Take(stability.Top)
            .Select(e => e.Trial)
            .Where(t => !t.Metrics.ContainsKey(MetricNames.StabilityAriMean) && t.TrialHash is not null && trials.ContainsKey(t.TrialHash))
            .Select(t => (Run: t, Trial: trials[t.TrialHash!]))
            .ToList();
        var computed = new Dictionary<string, RefitStabilityResult>(StringComparer.Ordinal);
        foreach (var group in top.GroupBy(t => t.Trial.Preprocessing))
        {
            var prepared = PreprocessedData.Fit(group.Key, data.Features, data.FeatureNames);
            foreach (var (run, trial) in group)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    computed[run.RunId] = Compute(trial, prepared, stability.Bootstraps, maxParallel);
                }
                catch (ArgumentException)
                {
                    // A refit the resample cannot support (e.g. fewer distinct points than k) leaves the trial without
                    // numbers: min_stability then rules it out, which is the honest verdict on an unstable fit.
                }
            }
        }

        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (runId, result) in computed.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            await _store.LogBatchAsync(
                runId,
                [new Metric(MetricNames.StabilityAriMean, result.Mean, now), new Metric(MetricNames.StabilityAriMin, result.Min, now)],
                null,
                null,
                cancellationToken).ConfigureAwait(false);
        }

        Seconds = _clock.GetElapsedTime(started).TotalSeconds;
        Computed = computed.Count;
        return [.. members.Select(m => computed.TryGetValue(m.RunId, out var r) ? WithStability(m, r) : m)];
    }

    /// <summary>Wall time of the last <see cref="RunAsync"/>, in seconds.</summary>
    public double Seconds { get; private set; }

    /// <summary>How many trials the last <see cref="RunAsync"/> computed (resumed ones excluded).</summary>
    public int Computed { get; private set; }

    /// <summary>
    /// Refits <paramref name="trial"/> (same algorithm, settings and seed) on <paramref name="bootstraps"/> resamples of its
    /// preprocessed matrix, seeded from the trial's seed, and scores each refit's prediction of every customer against the
    /// trial's own labels.
    /// </summary>
    public static RefitStabilityResult Compute(Trial trial, PreprocessedData data, int bootstraps, int maxParallel)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(data);
        var reference = TrialFitter.Fit(trial, data).Labels;
        var descriptor = trial.Options.Descriptor;
        return RefitStability.Compute(
            data.Transformed,
            reference,
            resample => descriptor.Fit(trial.Options, trial.Seed, new PreprocessedData(data.Key, data.Preprocessor, resample)).Model,
            bootstraps,
            trial.Seed,
            maxParallel);
    }

    private static TrialRun WithStability(TrialRun run, RefitStabilityResult result)
    {
        var metrics = new Dictionary<string, double>(run.Metrics, StringComparer.Ordinal)
        {
            [MetricNames.StabilityAriMean] = result.Mean,
            [MetricNames.StabilityAriMin] = result.Min,
        };
        return run with { Metrics = metrics };
    }
}
