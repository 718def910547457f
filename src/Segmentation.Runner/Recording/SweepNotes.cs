using System.Globalization;
using System.Text;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Reporting;

namespace Segmentation.Runner.Recording;

/// <summary>The Markdown descriptions (<c>mlflow.note.content</c>) the MLflow UI shows on a trial's and a sweep's run page.</summary>
public static class SweepNotes
{
    /// <summary>A finished trial: its place in the sweep, its metrics and whether it meets the constraints.</summary>
    public static string Trial(Trial trial, SweepPlan plan, ConstraintsConfig constraints, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(metrics);
        var text = new StringBuilder();
        text.Append("**").Append(trial.RunName).Append("** — trial ").Append(Invariant(trial.Index + 1))
            .Append(" of ").Append(Invariant(plan.Trials.Count)).Append(" in sweep `").Append(plan.SweepId).Append("`\n\n");
        text.Append("| metric | value |\n|---|---|\n");
        foreach (var (key, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append("| ").Append(key).Append(" | ").Append(value.ToString("G6", CultureInfo.InvariantCulture)).Append(" |\n");
        }

        var violations = constraints.Violations(metrics);
        text.Append('\n').Append(violations.Count == 0 ? "Meets every constraint." : "Violates: " + string.Join("; ", violations)).Append('\n');
        return text.ToString();
    }

    /// <summary>A trial whose fit failed: the error type and message.</summary>
    public static string FailedTrial(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"**Trial failed** ({error.GetType().Name})\n\n```\n{error.Message}\n```\n";
    }

    /// <summary>The sweep: config, dataset, progress, objective, best trial and the top ten of the leaderboard.</summary>
    public static string Sweep(string configPath, SweepPlan plan, Leaderboard leaderboard)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(leaderboard);
        var objective = leaderboard.Objective;
        var text = new StringBuilder();
        text.Append("**Sweep** `").Append(Path.GetFileName(configPath)).Append("` on dataset `").Append(plan.DatasetDigest[..12])
            .Append("` — ").Append(Invariant(leaderboard.Entries.Count)).Append(" of ")
            .Append(Invariant(plan.Trials.Count)).Append(" trials finished. Objective: ")
            .Append(ObjectiveText(objective)).Append(".\n\n");
        text.Append(leaderboard.Best is { } best
            ? $"Best eligible trial: **{best.Trial.RunName}** ({objective.Metric} = {best.Trial.Metric(objective.Metric).ToString("G6", CultureInfo.InvariantCulture)}).\n\n"
            : "No trial meets every constraint.\n\n");
        text.Append("| rank | run | ").Append(objective.Metric).Append(" | eligible |\n|---|---|---|---|\n");
        foreach (var entry in leaderboard.Entries.Take(10))
        {
            text.Append("| ").Append(Invariant(entry.Rank)).Append(" | ").Append(entry.Trial.RunName).Append(" | ")
                .Append(entry.Trial.Metric(objective.Metric).ToString("G6", CultureInfo.InvariantCulture)).Append(" | ")
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

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
