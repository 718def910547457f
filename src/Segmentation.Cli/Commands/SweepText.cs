using System.Globalization;
using System.Text;
using Segmentation.Runner;
using Segmentation.Runner.Configuration;

namespace Segmentation.Cli.Commands;

/// <summary>Human-readable output of <c>segment sweep</c>.</summary>
public static class SweepText
{
    /// <summary>The effective config (each value with where it came from) and the planned trials.</summary>
    public static string DryRun(SweepDryRun dry)
    {
        ArgumentNullException.ThrowIfNull(dry);
        var text = new StringBuilder();
        text.Append("# Effective configuration (value  # source:line)\n");
        text.Append(EffectiveConfigWriter.ToYaml(dry.Config.Effective, withSources: true, dry.WorkingDirectory));
        text.Append('\n');
        text.Append(Invariant($"# Dataset: {dry.Data.Features.Rows} customers x {dry.Data.Features.Cols} features, digest {dry.Data.Digest}\n"));
        text.Append(Invariant($"# Config hash {dry.Config.ConfigHash}, sweep id {dry.Plan.SweepId}\n"));
        var trials = dry.ShardTrials;
        text.Append(Invariant($"# Planned trials: {trials.Count}"));
        if (trials.Count != dry.Plan.Trials.Count)
        {
            text.Append(Invariant($" of {dry.Plan.Trials.Count} (shard {dry.Shard})"));
        }

        if (dry.Plan.Trials.Count != dry.Plan.SearchSpaceSize)
        {
            text.Append(Invariant($", sampled from {dry.Plan.SearchSpaceSize} combinations"));
        }

        text.Append(" — dry run: nothing was run or logged\n");
        var width = Math.Max(8, trials.Count == 0 ? 0 : trials.Max(t => t.RunName.Length));
        text.Append("  #   ").Append("run name".PadRight(width)).Append("  trial hash    seed\n");
        foreach (var trial in trials)
        {
            text.Append(Invariant($"{trial.Index + 1,4}  ")).Append(trial.RunName.PadRight(width)).Append("  ")
                .Append(trial.Hash[..12]).Append("  ").Append(trial.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
