using System.Globalization;
using System.Text.Json;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Segments;
using Segmentation.Runner.Selection;
using Segmentation.Runner.Tests.Segments;

namespace Segmentation.Runner.Tests.Reporting.Exporters;

public sealed class SweepExportersTests
{
    private static readonly SweepSummary Report = ReportFixtures.Summary(Leaderboard.Rank(
        [Trial(2, 1000, 0.30, 0.30), Trial(3, 600, 0.45, 0.01), Trial(4, 250, 0.40, 0.20), Trial(5, 200, 0.35, 0.20), Trial(6, 180, 0.30, 0.2), Trial(7, 170, 0.28, 0.2)],
        ObjectiveConfig.Default,
        new ConstraintsConfig(null, null, 0.05, null, null)));

    [Fact]
    public void Text_BestSegments_PrintsTheBestTrialsSegmentTable()
    {
        var report = Report with { BestSegments = BestSegments.Parse(SegmentsJson.Write(SegmentSamples.Profiles)) };

        var text = SweepTextExporter.Instance.Export(report);

        Assert.EndsWith(
            "Segments of kmeans-k4-standard:\n"
            + "segment      customers   share  rev share  recency days  frequency    monetary\n"
            + "Hibernating        300  75.0 %     25.0 %           200          1         300\n"
            + "Champions          100  25.0 %     75.0 %             6          7       2,500\n",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Segments of", SweepTextExporter.Instance.Export(Report), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_BestSegments_ListsNameCustomersSharesAndMedians()
    {
        var report = Report with { BestSegments = BestSegments.Parse(SegmentsJson.Write(SegmentSamples.Profiles)) };

        using var json = JsonDocument.Parse(SweepJsonExporter.Instance.Export(report));

        var champions = json.RootElement.GetProperty("best_segments")[1];
        Assert.Equal(("Champions", 100, 0.75, 2500.0), (champions.GetProperty("name").GetString(), champions.GetProperty("customers").GetInt32(), champions.GetProperty("revenue_share").GetDouble(), champions.GetProperty("monetary_median").GetDouble()));
    }

    [Fact]
    public void Markdown_Report_NamesBestEligibleTrialAndRanksEveryTrial()
    {
        var markdown = SweepMarkdownExporter.Instance.Export(Report);

        Assert.StartsWith("**Sweep** `kmeans.yaml` on dataset `5eed5eed5eed` — 6 of 6 trials finished. Objective: silhouette maximize.", markdown, StringComparison.Ordinal);
        Assert.Contains("Best eligible trial: **kmeans-k4-standard** (silhouette = 0.4).", markdown, StringComparison.Ordinal);
        Assert.Contains("| 6 | kmeans-k3-standard | 0.45 | no |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_Report_CarriesTheSameBestCurvesAndRanksAsTheReportObject()
    {
        using var json = JsonDocument.Parse(SweepJsonExporter.Instance.Export(Report));
        var root = json.RootElement;

        Assert.Equal(Report.Leaderboard.Best!.Trial.RunId, root.GetProperty("best").GetProperty("run_id").GetString());
        var curve = Assert.Single(root.GetProperty("curves").EnumerateArray());
        Assert.Equal("kmeans-standard", curve.GetProperty("family").GetString());
        Assert.Equal(4, curve.GetProperty("elbow_k").GetInt32());
        Assert.Equal(4, Report.Curves[0].ElbowK);
        Assert.Equal([2, 3, 4, 5, 6, 7], curve.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("k").GetInt32()));
        Assert.Equal(
            Report.Leaderboard.Entries.Select(e => (e.Rank, e.Trial.RunId)),
            root.GetProperty("leaderboard").EnumerateArray().Select(e => (e.GetProperty("rank").GetInt32(), e.GetProperty("run_id").GetString()!)));
    }

    [Fact]
    public void JsonAndText_PhaseSeconds_ListEveryPhaseInOrder()
    {
        var report = Report with { PhaseSeconds = [KeyValuePair.Create("load", 0.25), KeyValuePair.Create("fits", 1.5), KeyValuePair.Create("report", 0.2)] };

        using var json = JsonDocument.Parse(SweepJsonExporter.Instance.Export(report));
        var text = SweepTextExporter.Instance.Export(report);

        Assert.Equal(
            [("load", 0.25), ("fits", 1.5), ("report", 0.2)],
            json.RootElement.GetProperty("phase_seconds").EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())));
        Assert.Contains("\nTime per phase (s, summed over parallel trials): load 0.25, fits 1.50, report 0.20\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Time per phase", SweepTextExporter.Instance.Export(Report), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_Report_ShowsCountsAndBestTrial()
    {
        var text = SweepTextExporter.Instance.Export(Report);

        Assert.Contains("ran 6, skipped 0 already FINISHED, failed 0", text, StringComparison.Ordinal);
        Assert.Contains("Best eligible trial: kmeans-k4-standard (silhouette 0.4000)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryExporter_SameReport_SameTextAndItsOwnFileName()
    {
        IReportExporter<SweepSummary>[] exporters = [LeaderboardCsvExporter.Instance, SweepMarkdownExporter.Instance, SweepJsonExporter.Instance, SweepTextExporter.Instance];

        Assert.Equal(exporters.Length, exporters.Select(e => e.FileName).Distinct(StringComparer.Ordinal).Count());
        Assert.All(exporters, e => Assert.Equal(e.Export(Report), e.Export(Report with { })));
    }

    private static TrialRun Trial(int k, double inertia, double silhouette, double minFraction)
    {
        var kText = k.ToString(CultureInfo.InvariantCulture);
        return new TrialRun(
            "run" + kText,
            $"kmeans-k{kText}-standard",
            "hash" + kText,
            new Dictionary<string, string> { ["algorithm"] = "kmeans", ["k"] = kText, ["scaler"] = "standard" },
            new Dictionary<string, double> { ["inertia"] = inertia, ["silhouette"] = silhouette, ["n_clusters"] = k, ["min_cluster_fraction"] = minFraction },
            "file:///artifacts/" + kText);
    }
}
