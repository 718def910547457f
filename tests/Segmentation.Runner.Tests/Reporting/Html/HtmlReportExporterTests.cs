using System.Text.RegularExpressions;
using System.Xml.Linq;
using Segmentation.Clustering;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Pipeline;
using Segmentation.Clustering.Scaling;
using Segmentation.Clustering.Decomposition;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Reporting.Html;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Tests.Reporting.Html;

public sealed partial class HtmlReportExporterTests
{
    [Fact]
    public void Export_ReportWithBestTrial_SelfContainedWithEverySection()
    {
        var html = HtmlReportExporter.Instance.Export(Report());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReference(), html);
        foreach (var id in new[] { "dataset", "elbow", "best", "segments", "leaderboard" })
        {
            Assert.Contains($"<h2 id=\"{id}\">", html, StringComparison.Ordinal);
        }

        Assert.Equal(6, Regex.Count(html, "<figure ", RegexOptions.None, TimeSpan.FromSeconds(1)));
        Assert.Contains("Gate decision: none recorded", html, StringComparison.Ordinal);
        Assert.Contains("reference date", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_NoEligibleTrial_ElbowOnlyAndSaysSo()
    {
        var report = Report() with { Best = null };

        var html = HtmlReportExporter.Instance.Export(report);

        Assert.Equal(2, Regex.Count(html, "<figure ", RegexOptions.None, TimeSpan.FromSeconds(1)));
        Assert.Contains("no best trial to draw", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotSvgExporter_EveryFigure_WellFormedSvgWithDrawing()
    {
        var report = Report();

        foreach (var figure in ReportFigures.Of(report))
        {
            var svg = XDocument.Parse(figure.Export(report));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.StartsWith("plots/", figure.FileName, StringComparison.Ordinal);
            Assert.True(svg.Descendants().Count(e => e.Name.LocalName is "path" or "polyline" or "polygon" or "rect") > 5, figure.Name);
        }
    }

    [Fact]
    public void RenderedFigure_Element_SameTextAsOxyPlotsInlineRender()
    {
        var report = Report();

        foreach (var figure in ReportFigures.Of(report))
        {
            Assert.Equal(figure.Render(report, isDocument: false), RenderedFigure.Of(figure, report).Element(report));
        }
    }

    [Fact]
    public void RenderedFigure_Element_DerivedFromTheDocumentNotRenderedAgain()
    {
        var report = Report();
        var rendered = RenderedFigure.Of(ReportFigures.Of(report)[0], report);

        var element = (rendered with { Document = rendered.Document + "<!-- marker -->" }).Element(report);

        Assert.EndsWith("</svg><!-- marker -->", element, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportFiguresRender_InParallel_EachFigureAsItsOwnExportInPageOrder()
    {
        var report = Report();

        var rendered = ReportFigures.Render(report);

        Assert.Equal(ReportFigures.Of(report).Select(f => (f.Name, f.Export(report))), rendered.Select(r => (r.Figure.Name, r.Document)));
    }

    [Fact]
    public void HtmlReportArtifactsFiles_RenderedOnce_PageInlinesEachFigureAsRenderedForHtml()
    {
        var report = Report();

        var files = HtmlReportArtifacts.Files(report);

        var page = files[0].Value;
        Assert.Equal("report/index.html", files[0].Key);
        foreach (var figure in ReportFigures.Of(report))
        {
            Assert.Contains($"data-figure=\"{figure.Name}\">\n" + figure.Render(report, isDocument: false) + "\n<figcaption>", page, StringComparison.Ordinal);
            Assert.Equal(figure.Export(report), files.Single(f => f.Key == figure.FileName).Value);
        }
    }

    [Fact]
    public void Export_SameReportTwice_SameBytes()
    {
        Assert.Equal(HtmlReportExporter.Instance.Export(Report()), HtmlReportExporter.Instance.Export(Report()));
    }

    /// <summary>A report over three seeded blobs with a real k-means pipeline for k = 2..4.</summary>
    internal static HtmlReport Report()
    {
        var data = Blobs(150);
        var trials = new List<TrialRun>();
        FittedPipeline? best = null;
        for (var k = 2; k <= 4; k++)
        {
            var pre = Preprocessor.Fit(data.Features, data.FeatureNames, new ScalerSpec("standard"), ReductionSpec.None);
            var transformed = pre.Transform(data.Features);
            var fit = KMeans.Fit(transformed, new KMeansOptions { Clusters = k, Seed = 7, NInit = 2 });
            var silhouette = Segmentation.Clustering.Metrics.Silhouette.Score(transformed, fit.Labels);
            var id = "run" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            trials.Add(new TrialRun(
                id,
                $"kmeans-k{k}-standard",
                "hash" + id,
                new Dictionary<string, string> { ["k"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture), ["algorithm"] = "kmeans" },
                new Dictionary<string, double> { [MetricNames.Silhouette] = silhouette, [MetricNames.Inertia] = fit.Inertia, [MetricNames.ClusterCount] = k },
                "file:///artifacts/" + id));
            if (k == 3)
            {
                best = new FittedPipeline(pre, fit.Model);
            }
        }

        var board = Leaderboard.Rank(trials, ObjectiveConfig.Default, ConstraintsConfig.None);
        var summary = ReportFixtures.Summary(board);
        var view = HtmlReportBuilder.View(board.Entries.Single(e => e.Trial.RunId == "run3").Trial, data, best!);
        return new HtmlReport(summary, DatasetFacts.Of(data, null, null) with { RowsRead = 1000, ReferenceDate = new DateOnly(2011, 12, 10) }, view);
    }

    private static TrainingData Blobs(int rows)
    {
        string[] names = ["recency_days", "frequency", "monetary"];
        var random = new Random(12345);
        var matrix = new Matrix(rows, names.Length);
        var ids = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = 10_000 + i;
            var blob = i % 3;
            for (var j = 0; j < names.Length; j++)
            {
                matrix[i, j] = 1 + (blob * 10) + (j * blob) + random.NextDouble();
            }
        }

        return new TrainingData(ids, names, matrix, new string('a', 64), "synthetic.csv");
    }

    // src/href to anything but an in-page fragment (OxyPlot writes none; a regression would make the page fetch).
    [GeneratedRegex("(src|href)\\s*=\\s*\"(?!#)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ExternalReference();
}
