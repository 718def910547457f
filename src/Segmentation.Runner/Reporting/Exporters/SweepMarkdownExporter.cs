using System.Text;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>
/// The sweep as Markdown — config, dataset, progress, objective, best trial and the top ten of the leaderboard — the
/// description (<c>mlflow.note.content</c>) the MLflow UI shows on the sweep's parent run.
/// </summary>
public sealed class SweepMarkdownExporter : IReportExporter<SweepSummary>
{
    /// <summary>The exporter.</summary>
    public static SweepMarkdownExporter Instance { get; } = new();

    /// <inheritdoc/>
    public string FileName => "sweep.md";

    /// <inheritdoc/>
    public string Export(SweepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var leaderboard = summary.Leaderboard;
        var objective = leaderboard.Objective;
        var text = new StringBuilder();
        text.Append("**Sweep** `").Append(summary.ConfigFile).Append("` on dataset `").Append(summary.DatasetDigest[..12])
            .Append("` — ").Append(ReportFormat.Invariant(leaderboard.Entries.Count)).Append(" of ")
            .Append(ReportFormat.Invariant(summary.PlannedTrials)).Append(" trials finished. Objective: ")
            .Append(ObjectiveText(objective)).Append(".\n\n");
        text.Append(leaderboard.Best is { } best
            ? $"Best eligible trial: **{best.Trial.RunName}** ({objective.Metric} = {ReportFormat.Short(best.Trial.Metric(objective.Metric))}).\n\n"
            : "No trial meets every constraint.\n\n");
        text.Append("| rank | run | ").Append(objective.Metric).Append(" | eligible |\n|---|---|---|---|\n");
        foreach (var entry in leaderboard.Entries.Take(10))
        {
            text.Append("| ").Append(ReportFormat.Invariant(entry.Rank)).Append(" | ").Append(entry.Trial.RunName).Append(" | ")
                .Append(ReportFormat.Short(entry.Trial.Metric(objective.Metric))).Append(" | ")
                .Append(entry.Eligible ? "yes" : "no").Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>The objective as the parent's tag and note write it, e.g. <c>silhouette maximize</c>.</summary>
    public static string ObjectiveText(ObjectiveConfig objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return $"{objective.Metric} {(objective.Direction == ObjectiveDirection.Maximize ? "maximize" : "minimize")}";
    }
}
