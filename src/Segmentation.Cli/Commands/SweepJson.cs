using System.Text.Encodings.Web;
using System.Text.Json;
using Segmentation.Core;
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
                tracking_uri = Secrets.RedactUris(dry.Config.Config.Tracking.Uri),
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
}
