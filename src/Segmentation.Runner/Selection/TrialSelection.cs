using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Selection;

/// <summary>The outcome of selecting a sweep's best trial: the leaderboard and the winner, if any trial qualified.</summary>
/// <param name="ExperimentId">The experiment searched.</param>
/// <param name="ParentRunId">The sweep's parent run.</param>
/// <param name="Objective">The objective ranked by.</param>
/// <param name="Constraints">The constraints applied.</param>
/// <param name="Leaderboard">Every FINISHED trial, eligible ones first and best first.</param>
public sealed record TrialSelection(
    string ExperimentId,
    string ParentRunId,
    ObjectiveConfig Objective,
    ConstraintsConfig Constraints,
    IReadOnlyList<RankedTrial> Leaderboard)
{
    /// <summary>The best eligible trial, or null when no trial meets every constraint.</summary>
    public RankedTrial? Best => Leaderboard.Count > 0 && Leaderboard[0].Eligible ? Leaderboard[0] : null;

    /// <summary>How many trials met every constraint.</summary>
    public int EligibleCount => Leaderboard.Count(t => t.Eligible);
}
