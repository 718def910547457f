using System.Globalization;
using Segmentation.Clustering.Elbow;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Selection;
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

            if (ElbowK(points) is { } familyElbow)
            {
                metrics.Add(new Metric(MetricKeys.Sanitize($"elbow_k/{family}"), familyElbow, timestampMs));
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

        if (leaderboard.Best?.Trial is { } best && FamilyOf(best) is { } bestFamily)
        {
            var bestPoints = Families(leaderboard)[bestFamily.Family];
            if (ElbowK(bestPoints) is { } elbow)
            {
                metrics.Add(new Metric(ElbowKey, elbow, timestampMs));
            }

            foreach (var (k, entry) in bestPoints)
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

    /// <summary>The parent metric holding the Kneedle elbow k of the best trial's family.</summary>
    public const string ElbowKey = "elbow_k";

    /// <summary>The Kneedle elbow (Satopää et al. 2011) of a family's inertia curve, or null when it has none or fewer than 3 points.</summary>
    public static int? ElbowK(IReadOnlyList<(int K, TrialRun Entry)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var withInertia = points.Where(p => !double.IsNaN(p.Entry.Metric(MetricNames.Inertia))).ToList();
        return withInertia.Count < 3
            ? null
            : Kneedle.FindElbow(withInertia.Select(p => p.K).ToList(), withInertia.Select(p => p.Entry.Metric(MetricNames.Inertia)).ToList());
    }

    /// <summary>Trials grouped by family name (the run name without its k), each with its points sorted by k.</summary>
    public static SortedDictionary<string, List<(int K, TrialRun Entry)>> Families(Leaderboard leaderboard)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        var families = new SortedDictionary<string, List<(int K, TrialRun Entry)>>(StringComparer.Ordinal);
        foreach (var entry in leaderboard.Entries.Select(e => e.Trial))
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

    private static (string Family, int K)? FamilyOf(TrialRun entry)
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
