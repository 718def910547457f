using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>
/// How a subsample rung of <see cref="SuccessiveHalving"/> judges the constraints: with a tolerance for what measuring on
/// n of the N customers can move, shrinking to none on all of them, so a candidate that only misses a bound by sampling
/// error is ranked by its objective instead of after every eligible one.
/// </summary>
/// <remarks>
/// <para>Why: a rung keeps 1/eta of its trials, and when more than that many are strictly eligible, a candidate that
/// violates a bound on the subsample alone is cut whatever its objective. bench/tuner's trace found exactly that for the
/// synthetic data's grid best (a DBSCAN trial at noise 0.187 of a 0.2 bound on all rows): on a ninth of the rows it read
/// noise 0.21–0.24 or lost one of its four segments, ranked after 108–121 eligible trials down to silhouette 0.42–0.45
/// while its own was 0.79–0.81, and was dropped at the first rung in 3 of 10 seeds.</para>
/// <para>A share bound b (min/max cluster fraction, max noise fraction) is widened by
/// z·√(b(1−b)/n · (N−n)/(N−1)), z = <see cref="Z"/>: z standard errors of a share measured on n rows drawn without
/// replacement from N (the finite-population correction makes it 0 at n = N). The segment count (min_k, max_k) is widened
/// by one segment on a subsample, but only for a fit that labelled noise: a density fit can dissolve a segment into noise or
/// join two across a sparser gap when rows are missing, while a fit whose count is its own k parameter reads the same
/// count on any sample, so widening it there would only let a k the full data rejects take a slot.</para>
/// <para>The last rung judges the configured constraints exactly, and only its trials can be selected or promoted, so the
/// tolerance changes which candidates reach all the customers, never what is eligible.</para>
/// </remarks>
public static class RungConstraints
{
    /// <summary>Standard errors of tolerance: about 2.3 % of the shares a bound truly meets fall outside it (one-sided normal).</summary>
    public const double Z = 2;

    /// <summary>
    /// The constraints a trial fitted on <paramref name="rows"/> of <paramref name="fullRows"/> customers is judged by;
    /// <paramref name="constraints"/> itself on all of them.
    /// </summary>
    /// <param name="constraints">The search's constraints (<see cref="TrialScore.SearchConstraints"/>).</param>
    /// <param name="rows">Customers the trial was fitted on.</param>
    /// <param name="fullRows">Customers of the whole table.</param>
    /// <param name="labelsNoise">Whether the trial's fit left noise points, so its segment count depends on the sample.</param>
    public static ConstraintsConfig For(ConstraintsConfig constraints, int rows, int fullRows, bool labelsNoise)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fullRows, rows);
        if (rows == fullRows)
        {
            return constraints;
        }

        var count = labelsNoise ? 1 : 0;
        return constraints with
        {
            MinK = constraints.MinK - count,
            MaxK = constraints.MaxK + count,
            MinClusterFraction = constraints.MinClusterFraction is { } min ? Math.Max(0, min - ShareTolerance(min, rows, fullRows)) : null,
            MaxClusterFraction = constraints.MaxClusterFraction is { } max ? Math.Min(1, max + ShareTolerance(max, rows, fullRows)) : null,
            MaxNoiseFraction = constraints.MaxNoiseFraction is { } noise ? Math.Min(1, noise + ShareTolerance(noise, rows, fullRows)) : null,
        };
    }

    /// <summary>z·√(b(1−b)/n · (N−n)/(N−1)): <see cref="Z"/> standard errors of a share b measured on n of N rows.</summary>
    public static double ShareTolerance(double bound, int rows, int fullRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fullRows, rows);
        return fullRows == 1 ? 0 : Z * Math.Sqrt(bound * (1 - bound) / rows * (fullRows - rows) / (fullRows - 1));
    }

    /// <summary>
    /// <paramref name="run"/>'s score on its rung (<see cref="TrialScore.Of"/> under <see cref="For"/>): null when the
    /// objective is missing or a constraint fails beyond the rung's tolerance.
    /// </summary>
    public static double? Score(TrialRun run, ObjectiveConfig objective, ConstraintsConfig constraints, int rows, int fullRows)
    {
        ArgumentNullException.ThrowIfNull(run);
        var labelsNoise = run.Metrics.TryGetValue(MetricNames.NoiseFraction, out var noise) && noise > 0;
        return TrialScore.Of(run, objective, For(constraints, rows, fullRows, labelsNoise));
    }
}
