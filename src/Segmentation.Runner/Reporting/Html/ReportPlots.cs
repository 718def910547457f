using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Segments;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>The report's figures as OxyPlot models (rendered to SVG by <see cref="PlotSvgExporter"/>).</summary>
/// <remarks>
/// OxyPlot's SVG text measurer is approximate, so every model gets explicit padding and axis-title distances: without
/// them Chromium draws axis titles and edge markers clipped at the SVG border.
/// </remarks>
public static class ReportPlots
{
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0x1f, 0x77, 0xb4), OxyColor.FromRgb(0xff, 0x7f, 0x0e), OxyColor.FromRgb(0x2c, 0xa0, 0x2c),
        OxyColor.FromRgb(0xd6, 0x27, 0x28), OxyColor.FromRgb(0x94, 0x67, 0xbd), OxyColor.FromRgb(0x8c, 0x56, 0x4b),
        OxyColor.FromRgb(0xe3, 0x77, 0xc2), OxyColor.FromRgb(0x7f, 0x7f, 0x7f), OxyColor.FromRgb(0xbc, 0xbd, 0x22),
        OxyColor.FromRgb(0x17, 0xbe, 0xcf),
    ];

    /// <summary>The colour of a segment (noise grey), the same in every figure.</summary>
    public static OxyColor SegmentColor(int segment) => segment < 0 ? OxyColor.FromRgb(0xbb, 0xbb, 0xbb) : Palette[segment % Palette.Length];

    /// <summary>A segment's label in legends and on axes, e.g. <c>2 · Champions</c>.</summary>
    public static string SegmentLabel(SegmentProfile segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var id = segment.Segment < 0 ? "noise" : segment.Segment.ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(segment.Name) ? id : id + " · " + segment.Name;
    }

    /// <summary>A metric against k, one line per family, each family's Kneedle elbow (on inertia) ringed.</summary>
    public static PlotModel Elbow(IReadOnlyList<CurveFamily> families, string metric)
    {
        ArgumentNullException.ThrowIfNull(families);
        var model = Base($"{metric} against k");
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "k", MajorStep = 1, MinorStep = 1, MinimumPadding = 0.05, MaximumPadding = 0.05, AxisTitleDistance = 6 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = metric, MinimumPadding = 0.08, MaximumPadding = 0.08, AxisTitleDistance = 10 });
        var elbows = new ScatterSeries { Title = "elbow (Kneedle)", MarkerType = MarkerType.Circle, MarkerSize = 8, MarkerFill = OxyColors.Transparent, MarkerStroke = OxyColors.Black, MarkerStrokeThickness = 2 };
        for (var f = 0; f < families.Count; f++)
        {
            var family = families[f];
            var line = new LineSeries { Title = family.Name, Color = Palette[f % Palette.Length], MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = Palette[f % Palette.Length] };
            foreach (var point in family.Points.Where(p => !double.IsNaN(p.Trial.Metric(metric))))
            {
                line.Points.Add(new DataPoint(point.K, point.Trial.Metric(metric)));
                if (family.ElbowK == point.K)
                {
                    elbows.Points.Add(new ScatterPoint(point.K, point.Trial.Metric(metric)));
                }
            }

            model.Series.Add(line);
        }

        model.Series.Add(elbows);
        return model;
    }

    /// <summary>Per-customer silhouette sorted within each segment, segments stacked along the x axis, the mean dashed.</summary>
    public static PlotModel Silhouette(BestTrialView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var model = Base("Silhouette per customer");
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "customers (sorted within segment)", AxisTitleDistance = 6 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "silhouette", Minimum = -1, Maximum = 1, AxisTitleDistance = 10 });
        var x = 0;
        var all = new List<double>();
        foreach (var segment in view.Segments)
        {
            if (!view.Silhouettes.TryGetValue(segment.Segment, out var values) || values.Length == 0)
            {
                continue;
            }

            var area = new AreaSeries { Title = SegmentLabel(segment), Color = SegmentColor(segment.Segment), ConstantY2 = 0, StrokeThickness = 0.5 };
            foreach (var value in values)
            {
                area.Points.Add(new DataPoint(x++, value));
            }

            all.AddRange(values);
            x += Math.Max(1, all.Count / 50);
            model.Series.Add(area);
        }

        if (all.Count > 0)
        {
            model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Horizontal, Y = all.Average(), LineStyle = LineStyle.Dash, Color = OxyColors.Black, Text = "mean " + all.Average().ToString("0.000", CultureInfo.InvariantCulture) });
        }

        return model;
    }

    /// <summary>Customers on the first two principal components of the preprocessed matrix, coloured by segment.</summary>
    public static PlotModel Projection(BestTrialView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var model = Base("Customers on the first two principal components");
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "PC1", MinimumPadding = 0.05, MaximumPadding = 0.05, AxisTitleDistance = 6 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "PC2", MinimumPadding = 0.05, MaximumPadding = 0.05, AxisTitleDistance = 10 });
        foreach (var segment in view.Segments)
        {
            var series = new ScatterSeries { Title = SegmentLabel(segment), MarkerType = MarkerType.Circle, MarkerSize = 2.5, MarkerFill = OxyColor.FromAColor(180, SegmentColor(segment.Segment)) };
            foreach (var point in view.Projection.Where(p => p.Segment == segment.Segment))
            {
                series.Points.Add(new ScatterPoint(point.X, point.Y));
            }

            model.Series.Add(series);
        }

        return model;
    }

    /// <summary>Standardised feature means (z) per segment as a labelled heatmap: red above the overall mean, blue below.</summary>
    public static PlotModel Heatmap(BestTrialView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var model = Base("Standardised feature means per segment");
        var segments = view.Segments.Count;
        var features = view.HeatmapFeatures.Count;
        var data = new double[segments, features];
        var limit = 0.5;
        for (var s = 0; s < segments; s++)
        {
            for (var f = 0; f < features; f++)
            {
                data[s, f] = view.StandardisedMeans[s, f];
                limit = Math.Max(limit, Math.Abs(data[s, f]));
            }
        }

        var bottom = new CategoryAxis { Position = AxisPosition.Bottom, Title = "segment", AxisTitleDistance = 6, Key = "segments" };
        bottom.Labels.AddRange(view.Segments.Select(SegmentLabel));
        var left = new CategoryAxis { Position = AxisPosition.Left, Title = "feature", AxisTitleDistance = 10, Key = "features" };
        left.Labels.AddRange(view.HeatmapFeatures);
        model.Axes.Add(bottom);
        model.Axes.Add(left);
        model.Axes.Add(new LinearColorAxis { Position = AxisPosition.Right, Palette = OxyPalettes.BlueWhiteRed(64), Minimum = -limit, Maximum = limit, Title = "z", AxisTitleDistance = 6 });
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0,
            X1 = segments - 1,
            Y0 = 0,
            Y1 = features - 1,
            Data = data,
            XAxisKey = "segments",
            YAxisKey = "features",
            // Rectangles, not a bitmap: a bitmap would be an embedded PNG the SVG viewers scale blurrily.
            RenderMethod = HeatMapRenderMethod.Rectangles,
            LabelFormatString = "0.00",
            LabelFontSize = 0.12,
        });
        // Explicit margins: the measured ones leave the last column under the colour bar and long feature names clipped.
        model.PlotMargins = new OxyThickness(LabelWidth(view.HeatmapFeatures), double.NaN, 70, double.NaN);
        model.IsLegendVisible = false;
        return model;
    }

    /// <summary>Each segment's share of customers and of revenue, side by side.</summary>
    public static PlotModel Sizes(BestTrialView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var model = Base("Segment sizes and revenue shares");
        var axis = new CategoryAxis { Position = AxisPosition.Left, Title = "segment", AxisTitleDistance = 10 };
        axis.Labels.AddRange(view.Segments.Select(SegmentLabel));
        model.Axes.Add(axis);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "share (%)", Minimum = 0, MaximumPadding = 0.1, AxisTitleDistance = 6 });
        var customers = new BarSeries { Title = "customers", FillColor = Palette[0], LabelFormatString = "{0:0.0}", LabelPlacement = LabelPlacement.Outside };
        var revenue = new BarSeries { Title = "revenue", FillColor = Palette[1], LabelFormatString = "{0:0.0}", LabelPlacement = LabelPlacement.Outside };
        foreach (var segment in view.Segments)
        {
            customers.Items.Add(new BarItem(segment.Share * 100));
            revenue.Items.Add(new BarItem(double.IsNaN(segment.RevenueShare) ? 0 : segment.RevenueShare * 100));
        }

        model.Series.Add(customers);
        model.Series.Add(revenue);
        model.PlotMargins = new OxyThickness(LabelWidth(axis.Labels), double.NaN, double.NaN, double.NaN);
        return model;
    }

    /// <summary>A left margin that fits the longest category label and the axis title (about 7 px per character at 12 px).</summary>
    private static double LabelWidth(IEnumerable<string> labels) => 40 + (7 * labels.Select(l => l.Length).DefaultIfEmpty(0).Max());

    /// <summary>An empty figure in the report's style (title, font, background, legend below), for other reports to fill.</summary>
    public static PlotModel Create(string title) => Base(title);

    private static PlotModel Base(string title)
    {
        var model = new PlotModel
        {
            Title = title,
            TitleFontSize = 14,
            DefaultFont = "Helvetica",
            Background = OxyColors.White,
            Padding = new OxyThickness(12, 8, 24, 12),
        };
        // Below the plot, so long family names take width from no plot area.
        model.Legends.Add(new Legend { LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.BottomCenter, LegendOrientation = LegendOrientation.Horizontal, LegendFontSize = 11 });
        return model;
    }
}
