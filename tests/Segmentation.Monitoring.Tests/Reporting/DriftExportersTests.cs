using System.Text.Json;
using Segmentation.Monitoring.Configuration;
using Segmentation.Monitoring.Drift;
using Segmentation.Monitoring.Reporting;
using Segmentation.Monitoring.Statistics;

namespace Segmentation.Monitoring.Tests.Reporting;

public sealed class DriftExportersTests
{
    private static DriftReport Report(double silhouette = 0.31)
    {
        var psi = new PsiResult([10, 20], [0.3, 0.4, 0.3], [0.1, 0.4, 0.5], 0.3322);
        var feature = new FeatureDrift("recency_days", psi, new KsResult(0.25, 1.5e-9), new SampleSummary(100, 40.5, 30, 0), new SampleSummary(80, 22.25, 18, 0.025), DriftStatus.Alert);
        var shares = new List<SegmentShare>
        {
            new(0, "Champions", 60, 0.6, 20, 0.25, new Dictionary<string, double> { ["recency_days"] = 12.5 }, new Dictionary<string, double> { ["recency_days"] = 8 }),
            new(1, "Hibernating", 40, 0.4, 60, 0.75, new Dictionary<string, double> { ["recency_days"] = 80 }, new Dictionary<string, double> { ["recency_days"] = 30.25 }),
        };
        var segments = new SegmentDrift(0.1625, new ChiSquareResult(34.0, 1, 5.5e-9), DriftStatus.Warn, shares, ["recency_days"]);
        var decay = new ModelDecay(0.45, silhouette, 0.8125, "kmeans-k2-standard", null);
        return new DriftReport(
            "customer-segments", "3", "run123", new DatasetSide("customer_features", "abcdef0123456789", "data/a.csv", 100, new DateOnly(2011, 6, 1)),
            new DatasetSide("current_batch", "fedcba9876543210", "data/b.csv", 80, new DateOnly(2011, 12, 10)), MonitoringConfig.Default, [feature], segments, decay)
        { RunId = "mon456" };
    }

    [Fact]
    public void Text_Report_MatchesGolden()
    {
        const string Expected = """
            model:      customer-segments version 3 (run run123)
            reference:  customer_features abcdef012345 (100 customers, reference date 2011-06-01)
            current:    data/b.csv (80 customers, reference date 2011-12-10)
            status:     ALERT (PSI stable < 0.1, warn up to 0.25, alert above)

            feature              psi  status     ks D  ks p-value    mean ref    mean cur  median ref  median cur   missing
            recency_days      0.3322  alert    0.2500    1.50e-09        40.5        22.3        30.0        18.0     2.5 %

            segments:   psi 0.1625 (warn), chi-square 34.0 on 1 df, p-value 5.50e-09
            segment        training    share   current    share  recency_days ref→cur
            Champions            60   60.0 %        20   25.0 %  12.5 → 8.000
            Hibernating          40   40.0 %        60   75.0 %  80.0 → 30.3

            decay:      silhouette 0.450 at training → 0.310 now; refit ARI 0.813 (kmeans-k2-standard refitted on the new customers)

            """;

        Assert.Equal(Expected.ReplaceLineEndings("\n"), DriftText.Instance.Export(Report()));
    }

    [Fact]
    public void Json_Report_HasTheIssueShapeAndNullForUndefined()
    {
        using var json = JsonDocument.Parse(DriftJsonExporter.Instance.Export(Report(double.NaN)));
        var root = json.RootElement;

        Assert.Equal("alert", root.GetProperty("status").GetString());
        Assert.Equal("mon456", root.GetProperty("run_id").GetString());
        var feature = root.GetProperty("features")[0];
        Assert.Equal(["recency_days", 0.3322, 0.25, 1.5e-9, "alert"], new object[]
        {
            feature.GetProperty("name").GetString()!, feature.GetProperty("psi").GetDouble(), feature.GetProperty("ks_statistic").GetDouble(),
            feature.GetProperty("ks_pvalue").GetDouble(), feature.GetProperty("status").GetString()!,
        });
        Assert.Equal(5.5e-9, root.GetProperty("segments").GetProperty("chi2_pvalue").GetDouble());
        Assert.Equal(2, root.GetProperty("segments").GetProperty("shares").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("decay").GetProperty("silhouette_current").ValueKind);
    }

    [Fact]
    public void Metrics_UndefinedSilhouette_IsLeftOut()
    {
        var keys = DriftMetrics.Of(Report(double.NaN)).Select(m => m.Key).ToList();

        Assert.Equal(["psi/recency_days", "ks/recency_days", "ks_pvalue/recency_days", "segment_psi", "segment_chi2_pvalue", "silhouette_training", "refit_ari"], keys);
    }

    [Fact]
    public void Html_Report_IsSelfContainedWithAFigurePerFeatureAndTheShares()
    {
        var html = DriftHtmlExporter.Instance.Export(Report());

        Assert.Equal(2, html.Split("<svg", StringSplitOptions.None).Length - 1);
        Assert.Contains("Segment shares: PSI 0.1625", html, StringComparison.Ordinal);
        Assert.Contains("(10, 20]", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
