using Segmentation.Runner.Configuration;
using Segmentation.Runner.Recording;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>
/// The sweep's curves as MLflow metrics on the parent run: for every family of at least two trials its inertia and
/// silhouette at step = k (so the MLflow UI draws the elbow) and its elbow k; the best trial's family also under the
/// plain keys <c>inertia</c>, <c>silhouette</c> and <see cref="ElbowKey"/>, plus <c>best_&lt;objective&gt;</c>.
/// </summary>
public static class SweepMetricsExporter
{
    /// <summary>The parent metric holding the Kneedle elbow k of the best trial's family.</summary>
    public const string ElbowKey = "elbow_k";

    private static readonly string[] CurveMetrics = [MetricNames.Inertia, MetricNames.Silhouette];

    /// <summary>The curve metrics of <paramref name="summary"/>, timestamped <paramref name="timestampMs"/>.</summary>
    public static List<Metric> Export(SweepSummary summary, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var metrics = new List<Metric>();
        foreach (var family in summary.Curves.Where(f => f.Points.Count >= 2))
        {
            if (family.ElbowK is { } familyElbow)
            {
                metrics.Add(new Metric(MetricKeys.Sanitize($"{ElbowKey}/{family.Name}"), familyElbow, timestampMs));
            }

            foreach (var key in CurveMetrics)
            {
                AddCurve(metrics, family, key, MetricKeys.Sanitize($"{key}/{family.Name}"), timestampMs);
            }
        }

        if (summary.Leaderboard.Best?.Trial is { } best && summary.BestFamily is { } bestFamily)
        {
            if (bestFamily.ElbowK is { } elbow)
            {
                metrics.Add(new Metric(ElbowKey, elbow, timestampMs));
            }

            foreach (var point in bestFamily.Points)
            {
                foreach (var key in CurveMetrics)
                {
                    var value = point.Trial.Metric(key);
                    if (!double.IsNaN(value))
                    {
                        metrics.Add(new Metric(key, value, timestampMs, point.K));
                    }
                }
            }

            var objective = summary.Leaderboard.Objective.Metric;
            metrics.Add(new Metric("best_" + objective, best.Metric(objective), timestampMs));
        }

        return metrics;
    }

    private static void AddCurve(List<Metric> metrics, CurveFamily family, string metric, string key, long timestampMs)
    {
        foreach (var point in family.Points)
        {
            var value = point.Trial.Metric(metric);
            if (!double.IsNaN(value))
            {
                metrics.Add(new Metric(key, value, timestampMs, point.K));
            }
        }
    }
}
