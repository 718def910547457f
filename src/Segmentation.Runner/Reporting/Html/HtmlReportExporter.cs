using System.Globalization;
using System.Net;
using System.Text;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Segments;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>
/// The sweep's report as one self-contained HTML page (<c>report/index.html</c>): inline CSS and SVG, no scripts and no
/// external references, so it reads the same offline and inside the MLflow artifact viewer's sandboxed frame.
/// </summary>
public sealed class HtmlReportExporter : IReportExporter<HtmlReport>
{
    /// <summary>The leaderboard rows shown.</summary>
    public const int LeaderboardRows = 20;

    private const string Css = """
        body{font-family:Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222;background:#fff}
        h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}
        table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}
        th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
        figure{margin:16px 0}figure svg{max-width:100%;height:auto;display:block}figcaption{font-size:12px;color:#555}
        .cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ddd;border-left:6px solid #888;border-radius:4px;padding:8px 12px;width:320px}
        .card h3{margin:0 0 4px;font-size:15px}.card p{margin:4px 0;font-size:13px}.card ul{margin:4px 0;padding-left:18px;font-size:12px}
        .pass{color:#1a7f37;font-weight:bold}.fail{color:#cf222e;font-weight:bold}tr.ineligible td{color:#888}
        """;

    /// <summary>The report's stylesheet, shared by the other HTML reports (drift) so they read as one family.</summary>
    public static string Stylesheet => Css;

    /// <summary>The shared instance.</summary>
    public static HtmlReportExporter Instance { get; } = new();

    /// <inheritdoc/>
    public string FileName => "report/index.html";

    /// <inheritdoc/>
    public string Export(HtmlReport report) => Export(report, ReportFigures.Render(report));

    /// <summary>The page of <paramref name="report"/>, inlining <paramref name="rendered"/> (its figures, rendered once for the page and the SVG files).</summary>
    public string Export(HtmlReport report, IReadOnlyList<RenderedFigure> rendered)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(rendered);
        var summary = report.Summary;
        var figures = rendered.ToDictionary(f => f.Figure.Name, StringComparer.Ordinal);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Sweep report: ").Append(E(summary.ExperimentName)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>Sweep report: ").Append(E(summary.ExperimentName)).Append("</h1>\n")
            .Append("<p>Parent run <code>").Append(E(summary.ParentRunId)).Append("</code>, config <code>").Append(E(summary.ConfigFile))
            .Append("</code>, sweep <code>").Append(E(summary.SweepId[..Math.Min(12, summary.SweepId.Length)])).Append("</code>; ")
            .Append(N(summary.Leaderboard.Entries.Count)).Append(" finished trials, ").Append(N(summary.Leaderboard.EligibleCount)).Append(" eligible; objective ")
            .Append(E(SweepMarkdownExporter.ObjectiveText(summary.Leaderboard.Objective))).Append(".</p>\n");

        Dataset(html, report.Dataset);
        html.Append("<h2 id=\"elbow\">Elbow</h2>\n");
        Figure(html, report, figures, "elbow-inertia");
        Figure(html, report, figures, "elbow-silhouette");

        html.Append("<h2 id=\"best\">Best trial</h2>\n");
        if (report.Best is { } best)
        {
            html.Append("<p><b>").Append(E(best.Trial.RunName)).Append("</b> (run <code>").Append(E(best.Trial.RunId)).Append("</code>), ")
                .Append(E(summary.Leaderboard.Objective.Metric)).Append(" = ").Append(E(ReportFormat.Short(best.Trial.Metric(summary.Leaderboard.Objective.Metric)))).Append(".</p>\n");
            foreach (var name in new[] { "silhouette", "projection", "profile-heatmap", "segment-sizes" })
            {
                Figure(html, report, figures, name);
            }

            Cards(html, best.Segments);
        }
        else
        {
            html.Append("<p>No trial meets every constraint, so there is no best trial to draw.</p>\n");
        }

        Leaderboard(html, summary, report.RecordedPromotion);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Dataset(StringBuilder html, DatasetFacts dataset)
    {
        html.Append("<h2 id=\"dataset\">Dataset</h2>\n<table>\n");
        Row(html, "digest", "<code>" + E(dataset.Digest) + "</code>");
        Row(html, "name", E(dataset.Name));
        Row(html, "source", "<code>" + E(dataset.Source) + "</code>");
        Row(html, "rows read", dataset.RowsRead is { } read ? N(read) : Unknown);
        Row(html, "rows rejected (unparseable)", dataset.RowsRejected is { } rejected ? N(rejected) : Unknown);
        if (dataset.RemovedByRule is { } rules)
        {
            foreach (var rule in rules)
            {
                Row(html, "removed: " + E(rule.Key), N(rule.Value));
            }
        }
        else
        {
            Row(html, "removed per cleaning rule", Unknown);
        }

        Row(html, "customers", N(dataset.Customers));
        Row(html, "reference date", dataset.ReferenceDate is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Unknown);
        html.Append("</table>\n");
    }

    private const string Unknown = "<i>not recorded (a dataset version stored before these facts were kept, or not from the dataset store)</i>";

    private static void Figure(StringBuilder html, HtmlReport report, Dictionary<string, RenderedFigure> figures, string name)
    {
        if (!figures.TryGetValue(name, out var rendered))
        {
            return;
        }

        var figure = rendered.Figure;
        html.Append("<figure id=\"fig-").Append(name).Append("\" data-figure=\"").Append(name).Append("\">\n")
            .Append(rendered.Element(report)).Append('\n')
            .Append("<figcaption>").Append(E(figure.Caption)).Append(" Also <code>").Append(E(figure.FileName)).Append("</code>.</figcaption>\n</figure>\n");
    }

    private static void Cards(StringBuilder html, IReadOnlyList<SegmentProfile> segments)
    {
        html.Append("<h2 id=\"segments\">Segments</h2>\n<div class=\"cards\">\n");
        foreach (var segment in segments)
        {
            var color = ReportPlots.SegmentColor(segment.Segment);
            html.Append("<div class=\"card\" style=\"border-left-color:#").Append(color.R.ToString("x2", CultureInfo.InvariantCulture))
                .Append(color.G.ToString("x2", CultureInfo.InvariantCulture)).Append(color.B.ToString("x2", CultureInfo.InvariantCulture)).Append("\">\n")
                .Append("<h3>").Append(E(ReportPlots.SegmentLabel(segment))).Append("</h3>\n")
                .Append("<p>").Append(E(segment.Description)).Append("</p>\n")
                .Append("<p>").Append(N(segment.Size)).Append(" customers (").Append(Percent(segment.Share)).Append("), revenue share ")
                .Append(double.IsNaN(segment.RevenueShare) ? "n/a" : Percent(segment.RevenueShare)).Append("</p>\n<ul>\n");
            // The features that set the segment apart most: largest lift away from 1 either way.
            foreach (var feature in segment.Features.Where(f => !double.IsNaN(f.Value.Lift)).OrderByDescending(f => Math.Abs(Math.Log(Math.Max(f.Value.Lift, 1e-9)))).Take(4))
            {
                html.Append("<li>").Append(E(feature.Key)).Append(": mean ").Append(E(ReportFormat.Short(Math.Round(feature.Value.Mean, 2))))
                    .Append(", median ").Append(E(ReportFormat.Short(Math.Round(feature.Value.Median, 2)))).Append(", lift ")
                    .Append(feature.Value.Lift.ToString("0.00", CultureInfo.InvariantCulture)).Append("×</li>\n");
            }

            html.Append("</ul>\n</div>\n");
        }

        html.Append("</div>\n");
    }

    private static void Leaderboard(StringBuilder html, SweepSummary summary, RecordedPromotion? recorded)
    {
        var objective = summary.Leaderboard.Objective.Metric;
        html.Append("<h2 id=\"leaderboard\">Leaderboard (top ").Append(N(LeaderboardRows)).Append(")</h2>\n");
        if (summary.Promotion is { } promotion)
        {
            html.Append("<p>Gate decision: <span class=\"").Append(promotion.Promoted ? "pass" : "fail").Append("\">").Append(E(promotion.Decision)).Append("</span>");
            if (promotion.Version is { } version)
            {
                html.Append(" — model version ").Append(E(version.Version));
            }

            html.Append("</p>\n");
            if (promotion.GateFailures.Count > 0)
            {
                html.Append("<ul>\n");
                foreach (var failure in promotion.GateFailures)
                {
                    html.Append("<li>").Append(E(failure)).Append("</li>\n");
                }

                html.Append("</ul>\n");
            }
        }
        else if (recorded is not null)
        {
            // A past sweep's decision, as `segment promote` recorded it on the best trial's model version.
            html.Append("<p>Gate decision (recorded by <code>segment promote</code>")
                .Append(recorded.DecidedAt.Length > 0 ? " at " + E(recorded.DecidedAt) : string.Empty)
                .Append("): <span class=\"").Append(recorded.Decision == "promoted" ? "pass" : "fail").Append("\">").Append(E(recorded.Decision)).Append("</span> — model version ")
                .Append(E(recorded.ModelName)).Append(' ').Append(E(recorded.Version)).Append(" (").Append(E(recorded.Target)).Append(')')
                .Append(recorded.Objective.Length > 0 ? "; objective " + E(recorded.Objective) : string.Empty).Append(".</p>\n");
        }
        else
        {
            // A past sweep's decision lives on the model version, not the runs; the page does not guess it.
            html.Append("<p>Gate decision: none recorded (<code>promote_at_end</code> was off and no model version of the best trial records a <code>segment promote</code>, or the gate refused it); <code>segment promote</code> gates the best trial.</p>\n");
        }

        html.Append("<table>\n<tr><th>rank</th><th>run</th><th>algorithm</th><th>k</th><th>").Append(E(objective)).Append("</th>");
        if (objective != MetricNames.Silhouette)
        {
            html.Append("<th>silhouette</th>");
        }

        html.Append("<th>eligible</th></tr>\n");
        foreach (var entry in summary.Leaderboard.Entries.Take(LeaderboardRows))
        {
            var trial = entry.Trial;
            html.Append(entry.Eligible ? "<tr>" : "<tr class=\"ineligible\">")
                .Append("<td class=\"n\">").Append(N(entry.Rank)).Append("</td><td>").Append(E(trial.RunName)).Append("</td><td>").Append(E(trial.Algorithm ?? ""))
                .Append("</td><td class=\"n\">").Append(trial.K is { } k ? N(k) : "").Append("</td><td class=\"n\">").Append(E(ReportFormat.Short(trial.Metric(objective)))).Append("</td>");
            if (objective != MetricNames.Silhouette)
            {
                html.Append("<td class=\"n\">").Append(E(ReportFormat.Short(trial.Metric(MetricNames.Silhouette)))).Append("</td>");
            }

            html.Append("<td>").Append(entry.Eligible ? "yes" : E(string.Join("; ", entry.Violations))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Row(StringBuilder html, string key, string valueHtml) =>
        html.Append("<tr><th>").Append(key).Append("</th><td>").Append(valueHtml).Append("</td></tr>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
