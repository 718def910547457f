using System.Globalization;
using Segmentation.Clustering.Elbow;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Reporting;

/// <summary>One point of a per-k curve: a trial and its k.</summary>
/// <param name="K">The trial's requested k (the <c>k</c> param).</param>
/// <param name="Trial">The trial.</param>
public sealed record CurvePoint(int K, TrialRun Trial);

/// <summary>
/// Trials that differ only in k — same algorithm, settings, scaler and reduction — as one curve over k (sorted), with
/// its Kneedle elbow (Satopää et al. 2011) on inertia. What the elbow plot, the parent's curve metrics and the README
/// all draw from.
/// </summary>
/// <param name="Name">The family: the run name without its <c>-k&lt;k&gt;</c> token, e.g. <c>kmeans-log1p+standard</c>.</param>
/// <param name="Points">The family's trials, by k.</param>
public sealed record CurveFamily(string Name, IReadOnlyList<CurvePoint> Points)
{
    /// <summary>The Kneedle elbow of the inertia curve, or null when it has none or fewer than 3 points with inertia.</summary>
    public int? ElbowK
    {
        get
        {
            var withInertia = Points.Where(p => !double.IsNaN(p.Trial.Metric(MetricNames.Inertia))).ToList();
            return withInertia.Count < 3
                ? null
                : Kneedle.FindElbow(withInertia.Select(p => p.K).ToList(), withInertia.Select(p => p.Trial.Metric(MetricNames.Inertia)).ToList());
        }
    }

    /// <summary>Whether <paramref name="trial"/> is one of this family's points.</summary>
    public bool Contains(TrialRun trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Points.Any(p => p.Trial.RunId == trial.RunId);
    }

    /// <summary>Every family of a leaderboard, by name (ordinal); trials without a <c>k</c> param (DBSCAN) belong to none.</summary>
    public static IReadOnlyList<CurveFamily> Of(Leaderboard leaderboard)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        var families = new SortedDictionary<string, List<CurvePoint>>(StringComparer.Ordinal);
        foreach (var trial in leaderboard.Entries.Select(e => e.Trial))
        {
            if (Locate(trial) is { } at)
            {
                if (!families.TryGetValue(at.Family, out var points))
                {
                    families[at.Family] = points = [];
                }

                points.Add(new CurvePoint(at.K, trial));
            }
        }

        return families.Select(f => new CurveFamily(f.Key, f.Value.OrderBy(p => p.K).ToList())).ToList();
    }

    private static (string Family, int K)? Locate(TrialRun trial)
    {
        if (!trial.Params.TryGetValue("k", out var kText) || !int.TryParse(kText, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
        {
            return null;
        }

        var token = "-k" + kText;
        var at = trial.RunName.IndexOf(token + "-", StringComparison.Ordinal);
        return (at < 0 ? trial.RunName : trial.RunName.Remove(at, token.Length), k);
    }
}
