using System.Globalization;
using System.Text;
using Segmentation.Runner.Selection;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Promotion;

/// <summary>What a promotion writes on the model version: tags for machines and a Markdown description for people.</summary>
public static class PromotionRecord
{
    /// <summary>The version tags: decision, gate, objective, target, lineage and one tag per metric of the trial.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Tags(PromotionResult result, TrialRun trial)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(trial);
        var request = result.Request;
        var tags = new List<KeyValuePair<string, string>>
        {
            new(SegmentationTags.PromotionDecision, result.Decision),
            new(SegmentationTags.PromotionGate, PromotionText.Gate(request.Gate)),
            new(SegmentationTags.PromotionObjective, PromotionText.Objective(request.Objective)),
            new(SegmentationTags.PromotionTarget, request.Target.Stage is { } stage ? "stage:" + stage : "alias:" + request.Target.Alias),
            new(SegmentationTags.PromotionExperiment, request.ExperimentName),
            new(SegmentationTags.PromotionParentRunId, result.Selection.ParentRunId),
            new(SegmentationTags.PromotionDecidedAt, result.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };
        if (trial.TrialHash is { } hash)
        {
            tags.Add(new(SegmentationTags.TrialHash, hash));
        }

        // Round-trip format: these tags are for machines comparing versions, not for reading.
        tags.AddRange(trial.Metrics
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new KeyValuePair<string, string>(SegmentationTags.MetricPrefix + m.Key, m.Value.ToString("R", CultureInfo.InvariantCulture))));
        return tags;
    }

    /// <summary>The version description (Markdown, shown on the version page of the MLflow UI).</summary>
    public static string Description(PromotionResult result, TrialRun trial)
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
        text.Append(CultureInfo.InvariantCulture, $"- sweep: parent run `{selection.ParentRunId}` in experiment `{request.ExperimentName}`\n");
        text.Append(CultureInfo.InvariantCulture, $"- gate: {PromotionText.Gate(request.Gate)} — passed\n");
        text.Append(CultureInfo.InvariantCulture, $"- objective: {PromotionText.Objective(request.Objective)}; best of {selection.EligibleCount} eligible trial(s) out of {selection.Leaderboard.Count}\n");
        text.Append(CultureInfo.InvariantCulture, $"- constraints: {PromotionText.Constraints(request.Constraints)}\n\n");
        text.Append("| metric | value |\n|---|---:|\n");
        foreach (var (key, value) in trial.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {PromotionText.Cell(key)} | {PromotionText.Number(value)} |\n");
        }

        return text.ToString();
    }
}
