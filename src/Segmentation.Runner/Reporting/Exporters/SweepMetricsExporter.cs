using Segmentation.Runner.Configuration;
using Segmentation.Runner.Recording;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Reporting.Exporters;

/// <summary>
/// The sweep's curves for the parent run: for every family of at least two trials its inertia and silhouette at step = k
/// (so the MLflow UI draws the elbow) and its elbow k as a param; the best trial's family again under <c>best/inertia</c>
/// and <c>best/silhouette</c>, its elbow as <see cref="ElbowKey"/>, and <c>best_&lt;objective&gt;</c> at the best trial's k.
/// </summary>
/// <remarks>
/// Every key is prefixed: a parent metric named like a trial metric (<c>silhouette</c>) would put the parent among the
/// trials in the runs table and in <c>metrics.silhouette</c> searches. An elbow k is one number per family, which as a
/// metric drew a one-point chart per family in the chart view; as a param it is a column instead.
/// </remarks>
public static class SweepMetricsExporter
{
    /// <summary>The parent param holding the Kneedle elbow k of the best trial's family.</summary>
    public const string ElbowKey = "elbow_k";

    /// <summary>The prefix of the best trial's family curves, e.g. <c>best/inertia</c>.</summary>
    public const string BestCurvePrefix = "best/";

    /// <summary>The prefix of the best trial's objective value, e.g. <c>best_silhouette</c>.</summary>
    public const string BestValuePrefix = "best_";

    private static readonly string[] CurveMetrics = [MetricNames.Inertia, MetricNames.Silhouette];

    /// <summary>The curve metrics and elbow params of <paramref name="summary"/>, metrics timestamped <paramref name="timestampMs"/>.</summary>
    public static SweepCurveExport Export(SweepSummary summary, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var metrics = new List<Metric>();
        var parameters = new List<Param>();
        foreach (var family in summary.Curves.Where(f => f.Points.Count >= 2))
        {
            if (family.ElbowK is { } familyElbow)
            {
                parameters.Add(new Param(ElbowParamKey(family.Name), Invariant(familyElbow)));
            }

            foreach (var key in CurveMetrics)
            {
                AddCurve(metrics, family, key, MetricKeys.Sanitize($"{key}/{family.Name}"), timestampMs);
            }
        }

        if (summary.Leaderboard.Best?.Trial is { } best)
        {
            var bestK = 0;
            if (summary.BestFamily is { } bestFamily)
            {
                if (bestFamily.ElbowK is { } elbow)
                {
                    parameters.Add(new Param(ElbowKey, Invariant(elbow)));
                }

                foreach (var key in CurveMetrics)
                {
                    AddCurve(metrics, bestFamily, key, BestCurvePrefix + key, timestampMs);
                }

                bestK = bestFamily.Points.FirstOrDefault(p => p.Trial.RunId == best.RunId)?.K ?? 0;
            }

            var objective = summary.Leaderboard.Objective.Metric;
            metrics.Add(new Metric(BestValuePrefix + objective, best.Metric(objective), timestampMs, bestK));
        }

        return new SweepCurveExport(metrics, parameters);
    }

    /// <summary>The param key of one family's elbow k, e.g. <c>elbow_k/kmeans-log1p_standard</c>.</summary>
    public static string ElbowParamKey(string familyName) => MetricKeys.Sanitize($"{ElbowKey}/{familyName}");

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
