using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Reporting;

/// <summary>A sweep's finished trials ranked under its objective and constraints (see <see cref="TrialRanker"/> for the order).</summary>
public sealed class Leaderboard
{
    private Leaderboard(ObjectiveConfig objective, ConstraintsConfig constraints, IReadOnlyList<RankedTrial> ranked)
    {
        Objective = objective;
        Constraints = constraints;
        Entries = ranked;
    }

    /// <summary>The objective the ranking uses.</summary>
    public ObjectiveConfig Objective { get; }

    /// <summary>The constraints that decide eligibility.</summary>
    public ConstraintsConfig Constraints { get; }

    /// <summary>Every finished trial, eligible ones first, best first.</summary>
    public IReadOnlyList<RankedTrial> Entries { get; }

    /// <summary>The best eligible trial (every constraint met, objective logged), or null when none qualifies.</summary>
    public RankedTrial? Best => Entries.Count > 0 && Entries[0].Eligible ? Entries[0] : null;

    /// <summary>How many trials meet every constraint.</summary>
    public int EligibleCount => Entries.Count(e => e.Eligible);

    /// <summary>
    /// Ranks <paramref name="trials"/> with <see cref="TrialRanker"/> — the one ranking the sweep's best-trial tag and
    /// <c>segment promote</c> share (the input order does not matter; a run listed twice counts once).
    /// </summary>
    public static Leaderboard Rank(IEnumerable<TrialRun> trials, ObjectiveConfig objective, ConstraintsConfig constraints)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(constraints);
        var unique = trials.GroupBy(t => t.RunId, StringComparer.Ordinal).Select(g => g.First());
        return new Leaderboard(objective, constraints, TrialRanker.Rank(unique, objective, constraints));
    }
}
