using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Recording;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Selection;
using Segmentation.Tracking;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Reporting;

/// <summary>
/// Writes a reference experiment folder (<c>segment sweep CONFIG --export DIR</c>): the config as given and as effective,
/// the dataset digest, the leaderboard, the best trial's cluster profile and a generated README. Every file is replaced
/// atomically (temp file + rename), and the content carries no timestamps or machine paths, so regenerating it
/// elsewhere gives a small diff (the leaderboard's run ids are the tracking store's own).
/// </summary>
public static class ExperimentExport
{
    /// <summary>The sweep config file, copied as given.</summary>
    public const string ConfigFile = "config.yaml";

    /// <summary>The effective config with each value's source.</summary>
    public const string EffectiveConfigFile = "effective-config.yaml";

    /// <summary>The dataset version the trials ran on.</summary>
    public const string DatasetFile = "dataset.json";

    /// <summary>The leaderboard, as logged on the parent run.</summary>
    public const string LeaderboardFile = "leaderboard.csv";

    /// <summary>The best eligible trial's cluster profile, as logged with its model.</summary>
    public const string BestProfileFile = "best-profile.csv";

    /// <summary>The generated summary.</summary>
    public const string ReadmeFile = "README.md";

    /// <summary>
    /// Writes the folder <paramref name="directory"/> (relative to the sweep's working directory, created if missing),
    /// downloading the best trial's profile from <paramref name="store"/>. Without an eligible trial no profile is written
    /// and a stale one is removed, so the folder never mixes two sweeps.
    /// </summary>
    public static async Task WriteAsync(string directory, ExperimentExportSource source, ITrackingStore store, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(store);
        var root = Path.GetFullPath(directory, source.Request.WorkingDirectory);
        Directory.CreateDirectory(root);

        await WriteTextAsync(root, ConfigFile, await File.ReadAllTextAsync(source.Config.ConfigPath, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(root, EffectiveConfigFile, EffectiveConfigWriter.ToYaml(source.Config.Effective, withSources: true, source.Request.WorkingDirectory), cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(root, DatasetFile, DatasetJson(source), cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(root, LeaderboardFile, LeaderboardCsvExporter.Instance.Export(source.Summary), cancellationToken).ConfigureAwait(false);

        var profile = Path.Combine(root, BestProfileFile);
        if (source.Summary.Leaderboard.Best?.Trial is { } best
            && (await ModelFolder.LoadAsync(store, best.RunId, cancellationToken).ConfigureAwait(false)).ClusterProfileCsv is { } csv)
        {
            await WriteTextAsync(root, BestProfileFile, csv, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            File.Delete(profile);
        }

        await WriteTextAsync(root, ReadmeFile, Readme(source, root), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dataset digest (full and short), name, rows and the raw input (path relative to the working directory, SHA-256, bytes).</summary>
    public static string DatasetJson(ExperimentExportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var manifest = source.Manifest;
        var digest = manifest?.Digest ?? source.Data.Digest;
        var raw = new JsonObject { ["path"] = RelativeOrFileName(manifest?.RawInput.Path ?? source.Data.SourcePath, source.Request.WorkingDirectory) };
        if (manifest is not null)
        {
            raw["sha256"] = manifest.RawInput.Sha256;
            raw["bytes"] = manifest.RawInput.Bytes;
        }

        var json = new JsonObject
        {
            ["digest"] = digest,
            ["short_digest"] = DatasetDigest.Short(digest),
            ["name"] = manifest?.Name ?? source.Data.Name,
            ["rows"] = manifest?.RowCount ?? source.Data.CustomerIds.LongLength,
            ["features"] = new JsonArray([.. source.Data.FeatureNames.Select(n => (JsonNode?)JsonValue.Create(n))]),
            ["raw_input"] = raw,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The generated README: how to regenerate, tool version, dataset, trials, best trial and its metrics, elbow k and gate.</summary>
    public static string Readme(ExperimentExportSource source, string exportDirectory)
    {
        ArgumentNullException.ThrowIfNull(source);
        var config = source.Config.Config;
        var board = source.Summary.Leaderboard;
        var text = new StringBuilder();
        text.Append("# Experiment ").Append(config.Tracking.ExperimentName).Append("\n\n");
        text.Append("Written by `segment sweep --export`; do not edit by hand. Regenerate it from the repository root with\n\n");
        text.Append("    ").Append(RegenerateCommand(source, exportDirectory)).Append("\n\n");
        text.Append("(or `dotnet run -c Release --project src/Segmentation.Cli -- sweep ...` from a source checkout).\n\n");

        var eligible = board.EligibleCount;
        var objective = config.Objective;
        text.Append("| | |\n|---|---|\n");
        Row(text, "Tool version", ToolVersion.Current);
        Row(text, "Sweep id", "`" + source.Plan.SweepId + "`");
        Row(text, "Config hash", "`" + source.Plan.ConfigHash + "`");
        Row(text, "Dataset", $"{source.Manifest?.Name ?? source.Data.Name} `{DatasetDigest.Short(source.Plan.DatasetDigest)}`, "
            + $"{Invariant(source.Data.CustomerIds.Length)} customers × {Invariant(source.Data.FeatureNames.Count)} features (see {DatasetFile})");
        Row(text, "Trials", $"{Invariant(source.Plan.Trials.Count)} planned, {Invariant(board.Entries.Count)} finished, {Invariant(eligible)} eligible");
        Row(text, "Objective", objective.Metric + (objective.Direction == ObjectiveDirection.Maximize ? " (maximize)" : " (minimize)"));
        var best = board.Best?.Trial;
        Row(text, "Best trial", best is null ? "none: no finished trial meets the constraints" : $"`{best.RunName}` ({objective.Metric} {Number(best.Metric(objective.Metric))})");
        Row(text, "Elbow k", ElbowText(source.Summary, best));
        Row(text, "Gate", GateText(config, source.Summary.Promotion, best));

        if (best is not null)
        {
            text.Append("\n## Best trial\n\n| param / metric | value |\n|---|---|\n");
            foreach (var (key, value) in best.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Row(text, key, value);
            }

            // Timings differ from machine to machine; only the scores go into the committed summary.
            foreach (var (key, value) in best.Metrics.Where(m => m.Key != MetricNames.FitSeconds).OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                Row(text, key, Number(value));
            }

            text.Append("\nIts cluster profile (per segment: size, share and feature means) is ").Append(BestProfileFile).Append(".\n");
        }

        text.Append("\n## Files\n\n");
        text.Append("- ").Append(ConfigFile).Append(": the sweep config as given\n");
        text.Append("- ").Append(EffectiveConfigFile).Append(": the merged effective config, each value with its source\n");
        text.Append("- ").Append(DatasetFile).Append(": the dataset version (content digest) and the raw file's SHA-256\n");
        text.Append("- ").Append(LeaderboardFile).Append(": every finished trial, ranked (as logged on the sweep's parent run)\n");
        if (best is not null)
        {
            text.Append("- ").Append(BestProfileFile).Append(": the best trial's cluster profile (as logged with its model)\n");
        }

        return text.ToString();
    }

    private static string RegenerateCommand(ExperimentExportSource source, string exportDirectory)
    {
        var workingDirectory = source.Request.WorkingDirectory;
        var command = new StringBuilder("segment sweep ").Append(RelativeOrFileName(source.Config.ConfigPath, workingDirectory));
        if (source.Request.ParamsPath is { } parameters)
        {
            command.Append(" --params ").Append(RelativeOrFileName(Path.GetFullPath(parameters, workingDirectory), workingDirectory));
        }

        return command.Append(" --export ").Append(RelativeOrFileName(exportDirectory, workingDirectory)).ToString();
    }

    private static string ElbowText(SweepSummary summary, TrialRun? best)
    {
        if (best is null)
        {
            return "n/a";
        }

        if (summary.BestFamily is not { } family)
        {
            return "n/a (the best trial has no k)";
        }

        return family.ElbowK is { } elbow
            ? $"{Invariant(elbow)} (Kneedle on the inertia curve of the best trial's family `{family.Name}`)"
            : $"none (Kneedle finds no elbow in the inertia curve of the best trial's family `{family.Name}`, k = "
                + string.Join(", ", family.Points.Select(p => Invariant(p.K))) + ")";
    }

    private static string GateText(SweepConfig config, Promotion.PromotionResult? promotion, TrialRun? best)
    {
        if (config.Gate.Thresholds.Count == 0)
        {
            return "none configured";
        }

        var thresholds = string.Join(", ", config.Gate.Thresholds);
        if (promotion is not null)
        {
            return promotion.Promoted
                ? $"{thresholds}: passed, promoted"
                : $"{thresholds}: {promotion.Decision}" + (promotion.GateFailures.Count == 0 ? string.Empty : " (" + string.Join("; ", promotion.GateFailures) + ")");
        }

        if (best is null)
        {
            return $"{thresholds}: no eligible trial to check (promote_at_end is off)";
        }

        var failures = config.Gate.Failures(best.Metrics);
        return (failures.Count == 0 ? $"{thresholds}: the best trial passes" : "the best trial fails " + string.Join("; ", failures))
            + " (promote_at_end is off: `segment promote` decides)";
    }

    private static async Task WriteTextAsync(string root, string name, string content, CancellationToken cancellationToken)
    {
        var temp = TempPath(root, name);
        try
        {
            await File.WriteAllTextAsync(temp, content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(temp, Path.Combine(root, name), overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string TempPath(string root, string name) => Path.Combine(root, "." + name + "." + Guid.NewGuid().ToString("N") + ".tmp");

    // Paths inside the working directory are shown relative to it; anything else only by file name (no machine paths).
    private static string RelativeOrFileName(string path, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, Path.GetFullPath(path, workingDirectory));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFileName(path) : relative.Replace('\\', '/');
    }

    private static void Row(StringBuilder text, string key, string value) => text.Append("| ").Append(key).Append(" | ").Append(value).Append(" |\n");

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => double.IsNaN(value) ? "n/a" : value.ToString("G6", CultureInfo.InvariantCulture);
}
