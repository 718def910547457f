using Segmentation.Runner.Selection;
using Segmentation.Tracking.Registry;

namespace Segmentation.Runner.Promotion;

/// <summary>The decision of a promotion with everything needed to report it.</summary>
/// <param name="Outcome">Promoted, gate failed, or no eligible trial.</param>
/// <param name="Request">The request decided.</param>
/// <param name="Selection">The leaderboard and the best trial.</param>
/// <param name="GateFailures">Why the gate failed (one sentence per threshold); empty when it passed.</param>
/// <param name="DecidedAt">When the decision was made (from the injected clock).</param>
public sealed record PromotionResult(
    PromotionOutcome Outcome,
    PromotionRequest Request,
    TrialSelection Selection,
    IReadOnlyList<string> GateFailures,
    DateTimeOffset DecidedAt)
{
    /// <summary>The model version promoted (as read back after tagging), or null when nothing was promoted.</summary>
    public ModelVersion? Version { get; init; }

    /// <summary>True when the version already existed for the best trial's run and was reused.</summary>
    public bool ReusedVersion { get; init; }

    /// <summary>Versions that held the target stage before and were archived by the transition.</summary>
    public IReadOnlyList<string> ArchivedVersions { get; init; } = [];

    /// <summary>The version the alias pointed at before it was moved, or null when it was unset (or a stage was used).</summary>
    public string? PreviousAliasVersion { get; init; }

    /// <summary>Whether the model was promoted.</summary>
    public bool Promoted => Outcome == PromotionOutcome.Promoted;

    /// <summary>The decision in words: <c>promoted</c>, <c>gate failed</c> or <c>no eligible trial</c>.</summary>
    public string Decision => Outcome switch
    {
        PromotionOutcome.Promoted => "promoted",
        PromotionOutcome.GateFailed => "gate failed",
        _ => "no eligible trial",
    };
}
