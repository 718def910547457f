using System.Globalization;
using System.Net;
using System.Text;
using Segmentation.Monitoring.Configuration;
using Segmentation.Monitoring.Drift;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Reporting.Html;

namespace Segmentation.Monitoring.Reporting;

/// <summary>
/// The drift report as one self-contained HTML page (<c>drift_report/index.html</c>): the sweep report's stylesheet and
/// SVG rendering, inline, no scripts — it reads the same offline and in the MLflow artifact viewer.
/// </summary>
public sealed class DriftHtmlExporter : IReportExporter<DriftReport>
{
    /// <summary>The shared instance.</summary>
    public static DriftHtmlExporter Instance { get; } = new();

    /// <inheritdoc/>
    public string FileName => "drift_report/index.html";

    /// <inheritdoc/>
    public string Export(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = "Drift report: " + report.ModelName + (report.ModelVersion.Length > 0 ? " version " + report.ModelVersion : string.Empty);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(HtmlReportExporter.Stylesheet)
            .Append(".warn{color:#9a6700;font-weight:bold}</style>\n</head>\n<body>\n<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<p>Overall status <span class=\"").Append(Css(report.Status)).Append("\">").Append(Word(report.Status)).Append("</span>: PSI below ")
            .Append(F(report.Thresholds.PsiWarn)).Append(" is stable, up to ").Append(F(report.Thresholds.PsiAlert)).Append(" warn, above it alert. Model run <code>")
            .Append(E(report.ModelRunId)).Append("</code>").Append(report.RunId is { } run ? ", monitoring run <code>" + E(run) + "</code>" : string.Empty).Append(".</p>\n");

        html.Append("<h2 id=\"datasets\">Datasets</h2>\n<table>\n<tr><th>side</th><th>dataset</th><th>digest</th><th>source</th><th>customers</th><th>reference date</th></tr>\n");
        foreach (var (label, side) in new[] { ("reference (training)", report.Reference), ("current", report.Current) })
        {
            html.Append("<tr><td>").Append(label).Append("</td><td>").Append(E(side.Name)).Append("</td><td><code>").Append(E(side.Digest[..Math.Min(12, side.Digest.Length)]))
                .Append("</code></td><td>").Append(E(side.Source)).Append("</td><td class=\"n\">").Append(side.Customers.ToString("N0", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(side.ReferenceDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "").Append("</td></tr>\n");
        }

        html.Append("</table>\n<h2 id=\"features\">Features</h2>\n<table>\n<tr><th>feature</th><th>PSI</th><th>status</th><th>KS D</th><th>KS p-value</th><th>mean ref</th><th>mean cur</th><th>median ref</th><th>median cur</th><th>missing ref</th><th>missing cur</th></tr>\n");
        foreach (var f in report.Features)
        {
            html.Append("<tr><td>").Append(E(f.Name)).Append("</td>").Append(Cell(f.Psi.Value)).Append("<td class=\"").Append(Css(f.Status)).Append("\">").Append(Word(f.Status)).Append("</td>")
                .Append(Cell(f.Ks.Statistic)).Append(Cell(f.Ks.PValue)).Append(Cell(f.Reference.Mean)).Append(Cell(f.Current.Mean)).Append(Cell(f.Reference.Median)).Append(Cell(f.Current.Median))
                .Append(Cell(f.Reference.MissingShare)).Append(Cell(f.Current.MissingShare)).Append("</tr>\n");
        }

        html.Append("</table>\n");
        foreach (var f in report.Features)
        {
            Figure(html, PlotSvgExporter.Render(DriftPlots.Histogram(f), isDocument: false), $"{f.Name}: the share of training and current customers in each PSI bin (the reference's deciles).");
        }

        var s = report.Segments;
        html.Append("<h2 id=\"segments\">Segments</h2>\n<p>PSI over segments ").Append(F(s.Psi)).Append(" (<span class=\"").Append(Css(s.Status)).Append("\">").Append(Word(s.Status))
            .Append("</span>); chi-square ").Append(F(s.ChiSquare.Statistic)).Append(" on ").Append(s.ChiSquare.DegreesOfFreedom).Append(" degrees of freedom, p-value ").Append(F(s.ChiSquare.PValue)).Append(".</p>\n");
        Figure(html, PlotSvgExporter.Render(DriftPlots.SegmentShares(s), isDocument: false), "Each segment's share of the training customers and of the new customers.");
        html.Append("<table>\n<tr><th>segment</th><th>training</th><th>share</th><th>current</th><th>share</th>");
        foreach (var feature in s.ProfileFeatures)
        {
            html.Append("<th>").Append(E(feature)).Append(" ref</th><th>").Append(E(feature)).Append(" cur</th>");
        }

        html.Append("</tr>\n");
        foreach (var x in s.Shares)
        {
            html.Append("<tr><td>").Append(E(x.Name)).Append("</td>").Append(Cell(x.TrainingCount)).Append(Cell(x.TrainingShare)).Append(Cell(x.CurrentCount)).Append(Cell(x.CurrentShare));
            foreach (var feature in s.ProfileFeatures)
            {
                html.Append(Cell(x.TrainingProfile.GetValueOrDefault(feature, double.NaN))).Append(Cell(x.CurrentProfile.GetValueOrDefault(feature, double.NaN)));
            }

            html.Append("</tr>\n");
        }

        var d = report.Decay;
        html.Append("</table>\n<h2 id=\"decay\">Model decay</h2>\n<table>\n<tr><th>figure</th><th>value</th><th>meaning</th></tr>\n")
            .Append("<tr><td>silhouette at training</td>").Append(Cell(d.TrainingSilhouette ?? double.NaN)).Append("<td>the model run's silhouette</td></tr>\n")
            .Append("<tr><td>silhouette now</td>").Append(Cell(d.CurrentSilhouette)).Append("<td>the model's assignment of the new customers, in its own preprocessed space</td></tr>\n")
            .Append("<tr><td>refit ARI</td>").Append(Cell(d.RefitAri)).Append("<td>agreement with ").Append(E(d.RefitConfiguration ?? "a refit")).Append(" fitted again on the new customers (1 = the same segmentation)</td></tr>\n</table>\n");
        if (d.Note is { } note)
        {
            html.Append("<p>").Append(E(note)).Append("</p>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Figure(StringBuilder html, string svg, string caption) =>
        html.Append("<figure>").Append(svg).Append("<figcaption>").Append(E(caption)).Append("</figcaption></figure>\n");

    private static string Cell(double value) => "<td class=\"n\">" + (double.IsFinite(value) ? F(value) : "n/a") + "</td>";

    private static string Cell(int value) => "<td class=\"n\">" + value.ToString("N0", CultureInfo.InvariantCulture) + "</td>";

    private static string F(double value) => value.ToString(value != 0 && Math.Abs(value) < 1e-4 ? "0.###e+0" : "0.####", CultureInfo.InvariantCulture);

    private static string Word(DriftStatus status) => DriftStatusNames.Of(status);

    private static string Css(DriftStatus status) => status switch { DriftStatus.Alert => "fail", DriftStatus.Warn => "warn", _ => "pass" };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
