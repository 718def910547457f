using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>How an adaptive search scores a finished trial: the objective oriented so that higher is better, null unless eligible.</summary>
public static class TrialScore
{
    /// <summary>The constraints a search can check while it runs: stability is measured after it, for the top trials only.</summary>
    public static ConstraintsConfig SearchConstraints(ConstraintsConfig constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        return constraints with { MinStability = null };
    }

    /// <summary>The score of <paramref name="run"/>; null when the objective is missing or a constraint fails.</summary>
    public static double? Of(TrialRun run, ObjectiveConfig objective, ConstraintsConfig constraints)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(constraints);
        var value = run.Metric(objective.Metric);
        if (double.IsNaN(value) || constraints.Violations(run.Metrics).Count > 0)
        {
            return null;
        }

        return objective.Direction == ObjectiveDirection.Maximize ? value : -value;
    }
}
