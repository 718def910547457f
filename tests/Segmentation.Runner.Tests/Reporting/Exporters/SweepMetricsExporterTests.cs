using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Tests.Reporting.Exporters;

public sealed class SweepMetricsExporterTests
{
    [Fact]
    public void Export_KMeansFamily_CurvesAtStepKUnderPrefixedKeysAndElbowAsParams()
    {
        // Inertia with a clear elbow at k = 4; silhouette best at k = 3.
        double[] inertia = [1000, 600, 250, 200, 180, 170];
        double[] silhouette = [0.30, 0.45, 0.40, 0.35, 0.30, 0.28];
        var entries = Enumerable.Range(0, 6).Select(i => Entry(i + 2, inertia[i], silhouette[i])).ToList();
        var board = Leaderboard.Rank(entries, ObjectiveConfig.Default, ConstraintsConfig.None);

        var export = SweepMetricsExporter.Export(ReportFixtures.Summary(board), 1000);
        var metrics = export.Metrics;

        Assert.Equal([2L, 3, 4, 5, 6, 7], metrics.Where(m => m.Key == "inertia/kmeans-log1p_standard").Select(m => m.Step));
        Assert.Equal(silhouette, metrics.Where(m => m.Key == "best/silhouette").Select(m => m.Value));
        Assert.Equal([2L, 3, 4, 5, 6, 7], metrics.Where(m => m.Key == "best/inertia").Select(m => m.Step));
        var best = metrics.Single(m => m.Key == "best_silhouette");
        Assert.Equal((0.45, 3L), (best.Value, best.Step));
        Assert.Equal("4", export.Params.Single(p => p.Key == SweepMetricsExporter.ElbowKey).Value);
        Assert.Equal("4", export.Params.Single(p => p.Key == "elbow_k/kmeans-log1p_standard").Value);
        Assert.All(metrics, m => Assert.Matches("^[A-Za-z0-9_./ -]+$", m.Key));
        Assert.All(export.Params, p => Assert.Matches("^[A-Za-z0-9_./ -]+$", p.Key));
    }

    [Fact]
    public void Export_AnySweep_NoParentMetricIsNamedLikeATrialMetric()
    {
        var entries = Enumerable.Range(0, 4).Select(i => Entry(i + 2, 100 - (10 * i), 0.3 + (0.01 * i))).ToList();
        var board = Leaderboard.Rank(entries, ObjectiveConfig.Default, ConstraintsConfig.None);

        var metrics = SweepMetricsExporter.Export(ReportFixtures.Summary(board), 1000).Metrics;

        Assert.DoesNotContain(metrics, m => m.Key is "silhouette" or "inertia" or "elbow_k" || m.Key.StartsWith("elbow_k", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_ParentChartView_HasNoSinglePointCurveExceptTheBestValue()
    {
        var entries = Enumerable.Range(0, 5).Select(i => Entry(i + 2, 500 - (90 * i), 0.3 + (0.02 * i))).ToList();
        var board = Leaderboard.Rank(entries, ObjectiveConfig.Default, ConstraintsConfig.None);

        var metrics = SweepMetricsExporter.Export(ReportFixtures.Summary(board), 1000).Metrics;

        var singlePoint = metrics.GroupBy(m => m.Key).Where(g => g.Count() == 1).Select(g => g.Key);
        Assert.Equal(["best_silhouette"], singlePoint);
    }

    private static TrialRun Entry(int k, double inertia, double silhouette) =>
        new(
            "run" + k.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"kmeans-k{k}-log1p+standard",
            "hash" + k.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new Dictionary<string, string> { ["k"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture), ["algorithm"] = "kmeans" },
            new Dictionary<string, double> { ["inertia"] = inertia, ["silhouette"] = silhouette, ["n_clusters"] = k },
            "file:///artifacts/" + k.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
