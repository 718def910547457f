using System.Text.Encodings.Web;
using System.Text.Json;
using Segmentation.Runner;

namespace Segmentation.Cli.Commands;

/// <summary>Machine-readable output of <c>segment sweep --json</c>.</summary>
public static class SweepJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The plan: config hash, dataset digest, sweep id and the trials of the shard.</summary>
    public static string DryRun(SweepDryRun dry)
    {
        ArgumentNullException.ThrowIfNull(dry);
        return JsonSerializer.Serialize(
            new
            {
                dry_run = true,
                config_hash = dry.Config.ConfigHash,
                dataset_digest = dry.Data.Digest,
                sweep_id = dry.Plan.SweepId,
                tracking_uri = dry.Config.Config.Tracking.Uri,
                experiment = dry.Config.Config.Tracking.ExperimentName,
                shard = dry.Shard.ToString(),
                planned_trials = dry.Plan.Trials.Count,
                trials = dry.ShardTrials.Select(t => new
                {
                    index = t.Index,
                    run_name = t.RunName,
                    trial_hash = t.Hash,
                    seed = t.Seed,
                    @params = t.Params.ToDictionary(p => p.Key, p => p.Value),
                }),
            },
            Options);
    }

    /// <summary>The sweep's outcome: counts, ids, the best trial and the leaderboard.</summary>
    public static string Summary(SweepSummary summary)
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
                planned_trials = summary.PlannedTrials,
                shard_trials = summary.ShardTrials,
                ran = summary.Ran,
                skipped = summary.Skipped,
                failed = summary.Failed,
                cancelled = summary.Cancelled,
                wall_seconds = summary.WallSeconds,
                objective = new { metric, direction = board.Objective.Direction.ToString().ToLowerInvariant() },
                promotion = summary.Promotion is { } promotion ? new { promoted = promotion.Promoted, decision = promotion.Decision } : null,
                best = board.Best?.Trial is { } best ? new { run_id = best.RunId, run_name = best.RunName, trial_hash = best.TrialHash, value = best.Metric(metric) } : null,
                leaderboard = board.Entries.Select((e, i) => new
                {
                    rank = i + 1,
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
}
