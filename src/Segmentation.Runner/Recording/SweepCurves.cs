using System.Globalization;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Recording;

/// <summary>
/// Per-k curves for the parent run: for every family of trials that differ only in k (same algorithm, settings, scaler
/// and reduction) the inertia and silhouette at step = k, so the MLflow UI draws the elbow; the best trial's family
/// also under the plain keys <c>inertia</c> and <c>silhouette</c>.
/// </summary>
public static class SweepCurves
{
    /// <summary>The curve metrics of a leaderboard, timestamped <paramref name="timestampMs"/>.</summary>
    public static List<Metric> Metrics(Leaderboard leaderboard, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        var metrics = new List<Metric>();
        foreach (var (family, points) in Families(leaderboard))
        {
            if (points.Count < 2)
            {
                continue;
            }

            foreach (var key in new[] { MetricNames.Inertia, MetricNames.Silhouette })
            {
                foreach (var (k, entry) in points)
                {
                    var value = entry.Metric(key);
                    if (!double.IsNaN(value))
                    {
                        metrics.Add(new Metric(MetricKeys.Sanitize($"{key}/{family}"), value, timestampMs, k));
                    }
                }
            }
        }

        if (leaderboard.Best is { } best && FamilyOf(best) is { } bestFamily)
        {
            foreach (var (k, entry) in Families(leaderboard)[bestFamily.Family])
            {
                foreach (var key in new[] { MetricNames.Inertia, MetricNames.Silhouette })
                {
                    var value = entry.Metric(key);
                    if (!double.IsNaN(value))
                    {
                        metrics.Add(new Metric(key, value, timestampMs, k));
                    }
                }
            }

            var objective = leaderboard.Objective.Metric;
            metrics.Add(new Metric("best_" + objective, best.Metric(objective), timestampMs));
        }

        return metrics;
    }

    /// <summary>Trials grouped by family name (the run name without its k), each with its points sorted by k.</summary>
    public static SortedDictionary<string, List<(int K, LeaderboardEntry Entry)>> Families(Leaderboard leaderboard)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        var families = new SortedDictionary<string, List<(int K, LeaderboardEntry Entry)>>(StringComparer.Ordinal);
        foreach (var entry in leaderboard.Entries)
        {
            if (FamilyOf(entry) is { } f)
            {
                if (!families.TryGetValue(f.Family, out var list))
                {
                    families[f.Family] = list = [];
                }

                list.Add((f.K, entry));
            }
        }

        foreach (var list in families.Values)
        {
            list.Sort((a, b) => a.K.CompareTo(b.K));
        }

        return families;
    }

    private static (string Family, int K)? FamilyOf(LeaderboardEntry entry)
    {
        if (!entry.Params.TryGetValue("k", out var kText) || !int.TryParse(kText, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
        {
            return null;
        }

        var token = "-k" + kText;
        var at = entry.RunName.IndexOf(token + "-", StringComparison.Ordinal);
        var family = at < 0 ? entry.RunName : entry.RunName.Remove(at, token.Length);
        return (family, k);
    }
}
