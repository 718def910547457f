using Segmentation.Clustering.Pipeline;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Execution;

/// <summary>
/// Fit → labels → metrics for one trial on its preprocessed matrix: the one path every trial's numbers come from,
/// whether a sweep logs it or <c>segment cluster</c> prints it.
/// </summary>
public static class TrialExecutor
{
    /// <summary>The param that records a sampled silhouette's sample size (absent when silhouette is exact).</summary>
    public const string SilhouetteSampleSizeParam = "silhouette.sample_size";

    /// <summary>Fits and scores <paramref name="trial"/>; errors from the algorithm or the metrics propagate to the caller.</summary>
    /// <param name="trial">The planned trial (algorithm, options, seed).</param>
    /// <param name="data">Its fitted preprocessing and the shared distance and tree caches.</param>
    /// <param name="clock">Times the fit alone (not the metrics), reported as <c>fit_seconds</c>.</param>
    /// <param name="revenue">Each training row's revenue, for <c>largest_segment_revenue_share</c>; null leaves it out.</param>
    /// <param name="phases">A sweep's phase timers: the fit and the metrics are added to them; null times nothing but the fit.</param>
    public static TrialResult Execute(Trial trial, PreprocessedData data, TimeProvider clock, IReadOnlyList<double>? revenue = null, SweepPhases? phases = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetTimestamp();
        var fit = TrialFitter.Fit(trial, data);
        var fitTime = clock.GetElapsedTime(started);
        phases?.Add(SweepPhase.Fits, fitTime);
        var metricsStarted = clock.GetTimestamp();
        var metrics = TrialMetrics.Compute(data, fit, trial.Seed);
        metrics[MetricNames.FitSeconds] = fitTime.TotalSeconds;
        Segments.SegmentMetrics.AddTo(metrics, fit.Labels, revenue);
        phases?.Add(SweepPhase.Metrics, clock.GetElapsedTime(metricsStarted));
        return new TrialResult(trial, fit, new FittedPipeline(data.Preprocessor, fit.Model), metrics)
        {
            DerivedParams = data.SilhouetteSampleSize is { } sample && metrics.ContainsKey(MetricNames.Silhouette)
                ? [new(SilhouetteSampleSizeParam, sample.ToString(System.Globalization.CultureInfo.InvariantCulture))]
                : [],
        };
    }
}
