using System.Text.Encodings.Web;
using System.Text.Json;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>The sweep as JSON (<c>segment sweep --json</c>): counts, ids, the gate decision, the best trial, curves and the leaderboard.</summary>
public sealed class SweepJsonExporter : IReportExporter<SweepSummary>
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The exporter.</summary>
    public static SweepJsonExporter Instance { get; } = new();

    /// <inheritdoc/>
    public string FileName => "sweep.json";

    /// <inheritdoc/>
    public string Export(SweepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var board = summary.Leaderboard;
        var metric = board.Objective.Metric;
        return JsonSerializer.Serialize(
            new
            {
                tracking_uri = summary.TrackingUri,
                experiment = summary.ExperimentName,
                experiment_id = summary.ExperimentId,
                parent_run_id = summary.ParentRunId,
                sweep_id = summary.SweepId,
                config_hash = summary.ConfigHash,
                dataset_digest = summary.DatasetDigest,
                shard = summary.Shard,
                config_file = summary.ConfigFile,
                planned_trials = summary.PlannedTrials,
                shard_trials = summary.ShardTrials,
                ran = summary.Ran,
                skipped = summary.Skipped,
                failed = summary.Failed,
                cancelled = summary.Cancelled,
                wall_seconds = summary.WallSeconds,
                stability_seconds = summary.StabilitySeconds,
                phase_seconds = summary.PhaseSeconds.ToDictionary(p => p.Key, p => p.Value),
                objective = new { metric, direction = board.Objective.Direction.ToString().ToLowerInvariant() },
                promotion = summary.Promotion is { } promotion ? new { promoted = promotion.Promoted, decision = promotion.Decision } : null,
                best = board.Best?.Trial is { } best ? new { run_id = best.RunId, run_name = best.RunName, trial_hash = best.TrialHash, value = best.Metric(metric) } : null,
                best_segments = summary.BestSegments?.Select(s => new
                {
                    segment = s.Segment,
                    name = s.Name,
                    customers = s.Customers,
                    share = Finite(s.Share),
                    revenue_share = Finite(s.RevenueShare),
                    recency_days_median = Finite(s.RecencyMedian),
                    frequency_median = Finite(s.FrequencyMedian),
                    monetary_median = Finite(s.MonetaryMedian),
                }),
                curves = summary.Curves.Select(f => new
                {
                    family = f.Name,
                    elbow_k = f.ElbowK,
                    points = f.Points.Select(p => new { k = p.K, run_id = p.Trial.RunId, inertia = Finite(p.Trial.Metric(MetricNames.Inertia)), silhouette = Finite(p.Trial.Metric(MetricNames.Silhouette)) }),
                }),
                leaderboard = board.Entries.Select(e => new
                {
                    rank = e.Rank,
                    run_id = e.Trial.RunId,
                    run_name = e.Trial.RunName,
                    trial_hash = e.Trial.TrialHash,
                    eligible = e.Eligible,
                    metrics = e.Trial.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value),
                    violations = e.Violations,
                }),
            },
            Options);
    }

    // JSON has no NaN: a metric a trial did not log is null.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
