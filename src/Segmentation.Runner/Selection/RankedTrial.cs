namespace Segmentation.Runner.Selection;

/// <summary>A trial's place on the leaderboard: its rank, objective value and, when ineligible, why.</summary>
/// <param name="Rank">1-based position; eligible trials come first, best first.</param>
/// <param name="Trial">The trial.</param>
/// <param name="Objective">The objective metric's value, or null when the run did not log it.</param>
/// <param name="Violations">The constraints the trial breaks (readable sentences); empty when eligible.</param>
public sealed record RankedTrial(int Rank, TrialRun Trial, double? Objective, IReadOnlyList<string> Violations)
{
    /// <summary>Whether the trial meets every constraint and has an objective value.</summary>
    public bool Eligible => Violations.Count == 0;
}
