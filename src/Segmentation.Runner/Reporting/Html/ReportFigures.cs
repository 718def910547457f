using System.Collections.Concurrent;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>The figures a report has, in page order: the elbow plots always, the best trial's four when there is one.</summary>
public static class ReportFigures
{
    /// <summary>Every figure <paramref name="report"/> can draw.</summary>
    public static IReadOnlyList<PlotSvgExporter> Of(HtmlReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var figures = new List<PlotSvgExporter>
        {
            new("elbow-inertia", "Inertia against k, one line per family; the ringed point is Kneedle's elbow.", r => ReportPlots.Elbow(r.Summary.Curves, MetricNames.Inertia)),
            new("elbow-silhouette", "Mean silhouette against k; the ringed point is the family's inertia elbow.", r => ReportPlots.Elbow(r.Summary.Curves, MetricNames.Silhouette)),
        };
        if (report.Best is { } best)
        {
            if (best.Silhouettes.Count > 0)
            {
                figures.Add(new("silhouette", "Each customer's silhouette, sorted within its segment (a seeded sample of at most 2,000 customers).", r => ReportPlots.Silhouette(r.Best!)));
            }

            if (best.Projection.Count > 0)
            {
                figures.Add(new("projection", "Customers on the first two principal components of the preprocessed matrix, coloured by segment.", r => ReportPlots.Projection(r.Best!)));
            }

            figures.Add(new("profile-heatmap", "Each segment's feature means in standard deviations from the overall mean.", r => ReportPlots.Heatmap(r.Best!)));
            figures.Add(new("segment-sizes", "Each segment's share of customers and of revenue.", r => ReportPlots.Sizes(r.Best!)));
        }

        return figures;
    }

    /// <summary>
    /// Every figure of <paramref name="report"/> rendered once, in page order. The figures are independent (each builds its
    /// own model and render context), so they render in parallel; the text of each does not depend on the thread.
    /// </summary>
    public static IReadOnlyList<RenderedFigure> Render(HtmlReport report)
    {
        var figures = Of(report);
        var rendered = new RenderedFigure[figures.Count];
        // One figure per work item: the projection alone costs as much as the rest together, so chunking would serialise it behind others.
        Parallel.ForEach(
            Partitioner.Create(Enumerable.Range(0, figures.Count), EnumerablePartitionerOptions.NoBuffering),
            i => rendered[i] = RenderedFigure.Of(figures[i], report));
        return rendered;
    }
}
