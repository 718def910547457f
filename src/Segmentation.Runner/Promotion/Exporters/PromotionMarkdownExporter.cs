using System.Globalization;
using System.Text;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Promotion.Exporters;

/// <summary>The promotion as Markdown — heading, settings, the top trials and the decision — e.g. for a GitHub Actions job summary.</summary>
/// <param name="top">Leaderboard rows to include.</param>
public sealed class PromotionMarkdownExporter(int top = PromotionMarkdownExporter.DefaultTop) : IReportExporter<PromotionResult>
{
    /// <summary>The default number of leaderboard rows.</summary>
    public const int DefaultTop = 10;

    /// <inheritdoc/>
    public string FileName => "promotion.md";

    /// <inheritdoc/>
    public string Export(PromotionResult report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = report;
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
        text.Append(CultureInfo.InvariantCulture, $"**Decision: {result.Decision}.** {PromotionText.Explanation(result)}\n");
        return text.ToString();
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
