using Segmentation.Tracking;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>
/// A gate decision <c>segment promote</c> recorded on a model version (its <c>segmentation.promotion.*</c> tags), which is
/// where a past sweep's decision lives: the runs do not carry it. Shown by <c>segment report</c> for that sweep.
/// </summary>
/// <param name="ModelName">The registered model.</param>
/// <param name="Version">The version promoted.</param>
/// <param name="Decision">The recorded decision (<c>promoted</c>).</param>
/// <param name="DecidedAt">When, as recorded (ISO 8601 UTC), or empty.</param>
/// <param name="Objective">The objective it was decided under, as recorded, or empty.</param>
/// <param name="Target">Where the version is now: its aliases, or its stage when it has no alias.</param>
public sealed record RecordedPromotion(string ModelName, string Version, string Decision, string DecidedAt, string Objective, string Target)
{
    /// <summary>
    /// The latest promotion recorded for <paramref name="bestRunId"/> by a promotion of the sweep <paramref name="parentRunId"/>,
    /// or null when none was (never promoted, or the gate refused it: a refusal creates no version).
    /// </summary>
    public static async Task<RecordedPromotion?> FindAsync(IModelRegistry registry, string parentRunId, string bestRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrWhiteSpace(parentRunId);
        ArgumentException.ThrowIfNullOrWhiteSpace(bestRunId);
        var versions = await registry.SearchModelVersionsAsync($"run_id='{bestRunId}'", cancellationToken).ConfigureAwait(false);
        var latest = versions
            .Where(v => v.Tags.ContainsKey(SegmentationTags.PromotionDecision)
                && string.Equals(v.Tags.GetValueOrDefault(SegmentationTags.PromotionParentRunId), parentRunId, StringComparison.Ordinal))
            .OrderByDescending(v => v.Tags.GetValueOrDefault(SegmentationTags.PromotionDecidedAt, string.Empty), StringComparer.Ordinal)
            .FirstOrDefault();
        if (latest is null)
        {
            return null;
        }

        var target = latest.Aliases.Count > 0 ? "alias " + string.Join(", ", latest.Aliases.Order(StringComparer.Ordinal))
            : latest.CurrentStage is { Length: > 0 } stage && stage != "None" ? "stage " + stage
            : "no alias or stage now";
        return new RecordedPromotion(
            latest.Name,
            latest.Version,
            latest.Tags[SegmentationTags.PromotionDecision],
            latest.Tags.GetValueOrDefault(SegmentationTags.PromotionDecidedAt, string.Empty),
            latest.Tags.GetValueOrDefault(SegmentationTags.PromotionObjective, string.Empty),
            target);
    }
}
