using System.Globalization;
using System.Text;
using Segmentation.Runner.Segments;
using Segmentation.Runner.Selection;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Promotion;

/// <summary>What a promotion writes on the model version: tags for machines and a Markdown description for people.</summary>
public static class PromotionRecord
{
    /// <summary>At most this many tags go on a version (MLflow's UI shows a version's tags in one short table).</summary>
    public const int MaxVersionTags = 5;

    /// <summary>What separates one promotion's section of the version description from the previous one.</summary>
    public const string DescriptionSeparator = "\n\n---\n\n";

    /// <summary>
    /// The version tags, the five a machine selects versions by: decision, trial hash, parent run, objective, decided at.
    /// Gate, target, experiment and metrics are in the description (<see cref="Description"/>).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Tags(PromotionResult result, TrialRun trial)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(trial);
        var tags = new List<KeyValuePair<string, string>> { new(SegmentationTags.PromotionDecision, result.Decision) };
        if (trial.TrialHash is { } hash)
        {
            tags.Add(new(SegmentationTags.TrialHash, hash));
        }

        tags.Add(new(SegmentationTags.PromotionParentRunId, result.Selection.ParentRunId));
        tags.Add(new(SegmentationTags.PromotionObjective, PromotionText.Objective(result.Request.Objective)));
        tags.Add(new(SegmentationTags.PromotionDecidedAt, result.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        return tags;
    }

    /// <summary>
    /// The version description after this promotion: <paramref name="previous"/> (what earlier promotions or people
    /// wrote) kept, this promotion's dated section appended after <see cref="DescriptionSeparator"/>.
    /// </summary>
    public static string AppendedDescription(string? previous, PromotionResult result, TrialRun trial, IReadOnlyList<SegmentRow>? segments = null)
    {
        var section = Description(result, trial, segments);
        return string.IsNullOrWhiteSpace(previous) ? section : previous.TrimEnd() + DescriptionSeparator + section;
    }

    /// <summary>One promotion's section of the version description (Markdown, shown on the version page of the MLflow UI).</summary>
    public static string Description(PromotionResult result, TrialRun trial, IReadOnlyList<SegmentRow>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(trial);
        var request = result.Request;
        var selection = result.Selection;
        var text = new StringBuilder();
        var at = result.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        text.Append(CultureInfo.InvariantCulture, $"Promoted to {PromotionText.Target(request.Target)} by `segment promote` on {at}.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- trial: `{trial.RunName}` (run `{trial.RunId}`)");
        text.Append(trial.TrialHash is { } hash ? $", trial hash `{hash}`\n" : "\n");
        text.Append(CultureInfo.InvariantCulture, $"- target: `{(request.Target.Stage is { } stage ? "stage:" + stage : "alias:" + request.Target.Alias)}`\n");
        text.Append(CultureInfo.InvariantCulture, $"- sweep: parent run `{selection.ParentRunId}` in experiment `{request.ExperimentName}`\n");
        text.Append(CultureInfo.InvariantCulture, $"- gate: {PromotionText.Gate(request.Gate)} — passed\n");
        text.Append(CultureInfo.InvariantCulture, $"- objective: {PromotionText.Objective(request.Objective)}; best of {selection.EligibleCount} eligible trial(s) out of {selection.Leaderboard.Count}\n");
        text.Append(CultureInfo.InvariantCulture, $"- constraints: {PromotionText.Constraints(request.Constraints)}\n\n");
        text.Append("| metric | value |\n|---|---:|\n");
        foreach (var (key, value) in trial.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {PromotionText.Cell(key)} | {PromotionText.Number(value)} |\n");
        }

        if (segments is { Count: > 0 })
        {
            text.Append("\n| segment | name | customers | share | revenue share |\n|---:|---|---:|---:|---:|\n");
            foreach (var s in segments)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {s.Segment} | {PromotionText.Cell(s.Name)} | {s.Customers} | {PromotionText.Number(s.Share)} | {PromotionText.Number(s.RevenueShare)} |\n");
            }
        }

        return text.ToString();
    }
}
