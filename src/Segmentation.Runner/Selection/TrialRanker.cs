using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Selection;

/// <summary>Orders trials into a leaderboard under an objective and constraints, deterministically.</summary>
/// <remarks>
/// Eligible trials (every constraint met, objective logged and not NaN) come first, best objective first.
/// Ties, which are common when trials share a preprocessing and converge to the same partition, are broken by
/// the smaller k (the simpler segmentation), then the trial hash, then the run id, all ordinal — so the winner
/// never depends on the order the tracking server returned the runs in.
/// </remarks>
public static class TrialRanker
{
    /// <summary>Ranks <paramref name="trials"/>; the result's first entry is the best trial when it is eligible.</summary>
    public static IReadOnlyList<RankedTrial> Rank(IEnumerable<TrialRun> trials, ObjectiveConfig objective, ConstraintsConfig constraints)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(constraints);

        var scored = trials.Select(trial => Score(trial, objective, constraints)).ToList();
        scored.Sort((a, b) => Compare(a, b, objective.Direction));
        return scored.Select((s, i) => s with { Rank = i + 1 }).ToList();
    }

    private static RankedTrial Score(TrialRun trial, ObjectiveConfig objective, ConstraintsConfig constraints)
    {
        var violations = new List<string>(constraints.Violations(trial.Metrics));
        double? value = trial.Metrics.TryGetValue(objective.Metric, out var v) && !double.IsNaN(v) ? v : null;
        if (value is null)
        {
            violations.Insert(0, $"objective: metric {objective.Metric} is missing");
        }

        return new RankedTrial(0, trial, value, violations);
    }

    private static int Compare(RankedTrial a, RankedTrial b, ObjectiveDirection direction)
    {
        // Eligible before ineligible; within each group the same order, so the leaderboard reads naturally.
        var byEligibility = b.Eligible.CompareTo(a.Eligible);
        if (byEligibility != 0)
        {
            return byEligibility;
        }

        var byObjective = CompareObjective(a.Objective, b.Objective, direction);
        if (byObjective != 0)
        {
            return byObjective;
        }

        var byK = (a.Trial.K ?? int.MaxValue).CompareTo(b.Trial.K ?? int.MaxValue);
        if (byK != 0)
        {
            return byK;
        }

        var byHash = CompareNullableOrdinal(a.Trial.TrialHash, b.Trial.TrialHash);
        return byHash != 0 ? byHash : string.CompareOrdinal(a.Trial.RunId, b.Trial.RunId);
    }

    // Better first; a missing objective sorts after any value.
    private static int CompareObjective(double? a, double? b, ObjectiveDirection direction) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        ({ } x, { } y) => direction == ObjectiveDirection.Maximize ? y.CompareTo(x) : x.CompareTo(y),
    };

    private static int CompareNullableOrdinal(string? a, string? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => string.CompareOrdinal(a, b),
    };
}
