using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;
using Segmentation.Monitoring.Drift;
using Segmentation.Runner.Reporting.Html;

namespace Segmentation.Monitoring.Reporting;

/// <summary>The drift report's figures, drawn with the sweep report's style and colours.</summary>
public static class DriftPlots
{
    private static readonly OxyColor Training = ReportPlots.SegmentColor(0);
    private static readonly OxyColor Current = ReportPlots.SegmentColor(1);

    /// <summary>A feature's PSI bins: the training and the current share of each bin, side by side (the histogram PSI compares).</summary>
    public static PlotModel Histogram(FeatureDrift feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var model = ReportPlots.Create(string.Create(CultureInfo.InvariantCulture, $"{feature.Name}: PSI {feature.Psi.Value:0.0000}, KS D {feature.Ks.Statistic:0.0000}"));
        var labels = BinLabels(feature.Psi.Edges);
        return Bars(model, "bin of " + feature.Name, labels, feature.Psi.ReferenceShares, feature.Psi.CurrentShares);
    }

    /// <summary>Each segment's share of the training customers and of the new customers.</summary>
    public static PlotModel SegmentShares(SegmentDrift segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var model = ReportPlots.Create(string.Create(CultureInfo.InvariantCulture, $"Segment shares: PSI {segments.Psi:0.0000}, chi-square p {segments.ChiSquare.PValue:0.###e+0}"));
        return Bars(model, "segment", [.. segments.Shares.Select(s => s.Name)], [.. segments.Shares.Select(s => s.TrainingShare)], [.. segments.Shares.Select(s => s.CurrentShare)]);
    }

    /// <summary>The bins (−∞, e1], (e1, e2], …, (ek, ∞) as axis labels.</summary>
    public static IReadOnlyList<string> BinLabels(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var labels = new List<string>();
        for (var i = 0; i <= edges.Count; i++)
        {
            labels.Add(i == 0 ? "≤ " + G(edges[0]) : i == edges.Count ? "> " + G(edges[^1]) : $"({G(edges[i - 1])}, {G(edges[i])}]");
        }

        return labels;
    }

    private static PlotModel Bars(PlotModel model, string axisTitle, IReadOnlyList<string> labels, IReadOnlyList<double> training, IReadOnlyList<double> current)
    {
        // Reversed, so the first bin (or segment) reads at the top as in the tables.
        var axis = new CategoryAxis { Position = AxisPosition.Left, Title = axisTitle, AxisTitleDistance = 10, StartPosition = 1, EndPosition = 0 };
        axis.Labels.AddRange(labels);
        model.Axes.Add(axis);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "share (%)", Minimum = 0, MaximumPadding = 0.1, AxisTitleDistance = 6 });
        var reference = new BarSeries { Title = "training", FillColor = Training, LabelFormatString = "{0:0.0}", LabelPlacement = LabelPlacement.Outside };
        var now = new BarSeries { Title = "current", FillColor = Current, LabelFormatString = "{0:0.0}", LabelPlacement = LabelPlacement.Outside };
        reference.Items.AddRange(training.Select(s => new BarItem(s * 100)));
        now.Items.AddRange(current.Select(s => new BarItem(s * 100)));
        model.Series.Add(reference);
        model.Series.Add(now);
        // Room for the longest label and the axis title beside it (the labels are measured about 8 px per character).
        model.PlotMargins = new OxyThickness(60 + (8 * labels.Select(l => l.Length).DefaultIfEmpty(0).Max()), double.NaN, double.NaN, double.NaN);
        return model;
    }

    private static string G(double x) => x.ToString(Math.Abs(x) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);
}
