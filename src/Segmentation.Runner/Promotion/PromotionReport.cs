using System.Globalization;
using System.Text;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Promotion;

/// <summary>The leaderboard and the decision as Markdown, e.g. for a GitHub Actions job summary.</summary>
public static class PromotionReport
{
    /// <summary>The default number of leaderboard rows.</summary>
    public const int DefaultTop = 10;

    /// <summary>Renders the report: heading, the settings, the top trials as a table and the decision.</summary>
    public static string Markdown(PromotionResult result, int top = DefaultTop)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var request = result.Request;
        var selection = result.Selection;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## Promotion gate: {result.Decision}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Experiment `{request.ExperimentName}`, sweep `{selection.ParentRunId}`: ");
        text.Append(CultureInfo.InvariantCulture, $"{selection.Leaderboard.Count} finished trial(s), {selection.EligibleCount} eligible.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- objective: {PromotionText.Objective(request.Objective)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- constraints: {PromotionText.Constraints(request.Constraints)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- gate: {PromotionText.Gate(request.Gate)}\n");
        text.Append(CultureInfo.InvariantCulture, $"- target: model `{request.Target.ModelName}`, {PromotionText.Target(request.Target)}\n\n");

        AppendLeaderboard(text, result, top);
        text.Append(CultureInfo.InvariantCulture, $"**Decision: {result.Decision}.** {Explanation(result)}\n");
        return text.ToString();
    }

    /// <summary>One line that says what was decided and why, used for the decision line and annotations.</summary>
    public static string Explanation(PromotionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var best = result.Selection.Best;
        var trial = best is null ? string.Empty : $"`{best.Trial.RunName}` (run `{best.Trial.RunId}`)";
        switch (result.Outcome)
        {
            case PromotionOutcome.Promoted:
                var version = result.Version!;
                var moved = result.Request.Target.Stage is not null
                    ? $"now in stage {version.CurrentStage}" + (result.ArchivedVersions.Count > 0 ? $"; archived version(s) {string.Join(", ", result.ArchivedVersions)}" : string.Empty)
                    : $"alias `{result.Request.Target.Alias}` now points at it" + (result.PreviousAliasVersion is { } previous && previous != version.Version ? $" (was version {previous})" : string.Empty);
                return $"{trial} is model `{version.Name}` version {version.Version}{(result.ReusedVersion ? " (existing version reused)" : string.Empty)}, {moved}.";
            case PromotionOutcome.GateFailed:
                return $"{trial} failed the gate: {string.Join("; ", result.GateFailures)}. The registry was not changed.";
            default:
                return $"{string.Join("; ", result.GateFailures)}. The registry was not changed.";
        }
    }

    private static void AppendLeaderboard(StringBuilder text, PromotionResult result, int top)
    {
        var leaderboard = result.Selection.Leaderboard;
        if (leaderboard.Count == 0)
        {
            text.Append("No finished trials.\n\n");
            return;
        }

        // The objective first, then any other metric the gate checks, so the table shows why the decision fell as it did.
        var objective = result.Request.Objective.Metric;
        var metrics = new List<string> { objective };
        metrics.AddRange(result.Request.Gate.Thresholds.Select(t => t.Metric).Where(m => !metrics.Contains(m)).Distinct());

        text.Append("| rank | trial | algorithm | k | ");
        text.Append(string.Join(" | ", metrics.Select(PromotionText.Cell)));
        text.Append(" | eligible |\n|---:|---|---|---:|");
        text.Append(string.Concat(metrics.Select(_ => "---:|")));
        text.Append("---|\n");
        foreach (var ranked in leaderboard.Take(top))
        {
            AppendRow(text, ranked, metrics);
        }

        if (leaderboard.Count > top)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n… and {leaderboard.Count - top} more trial(s).\n");
        }

        text.Append('\n');
    }

    private static void AppendRow(StringBuilder text, RankedTrial ranked, List<string> metrics)
    {
        var trial = ranked.Trial;
        text.Append(CultureInfo.InvariantCulture, $"| {ranked.Rank} | {PromotionText.Cell(trial.RunName)} | {PromotionText.Cell(trial.Algorithm ?? "—")} | ");
        text.Append(trial.K is { } k ? k.ToString(CultureInfo.InvariantCulture) : "—");
        foreach (var metric in metrics)
        {
            text.Append(" | ").Append(trial.Metrics.TryGetValue(metric, out var value) ? PromotionText.Number(value) : "—");
        }

        text.Append(" | ").Append(ranked.Eligible ? "yes" : "no: " + PromotionText.Cell(string.Join("; ", ranked.Violations))).Append(" |\n");
    }
}
