using OxyPlot;
using Segmentation.Runner.Reporting.Exporters;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>One figure of the report as a standalone SVG document (<c>plots/NAME.svg</c>), which the MLflow UI previews.</summary>
/// <param name="Name">The figure's file stem, e.g. <c>elbow-inertia</c>.</param>
/// <param name="Caption">One line shown under the figure in the HTML report.</param>
/// <param name="Plot">Builds the figure's model from the report.</param>
public sealed record PlotSvgExporter(string Name, string Caption, Func<HtmlReport, PlotModel> Plot) : IReportExporter<HtmlReport>
{
    /// <summary>Width of every figure, in CSS pixels.</summary>
    public const double Width = 720;

    /// <summary>Height of every figure, in CSS pixels.</summary>
    public const double Height = 480;

    /// <inheritdoc/>
    public string FileName => "plots/" + Name + ".svg";

    /// <inheritdoc/>
    public string Export(HtmlReport report) => Render(report, isDocument: true);

    /// <summary>The figure as an <c>&lt;svg&gt;</c> element (no XML prolog) for inlining into HTML, or as a whole document.</summary>
    public string Render(HtmlReport report, bool isDocument)
    {
        ArgumentNullException.ThrowIfNull(report);
        // The vertical-alignment workaround places text by dy offsets that every SVG renderer honours (Chromium ignores
        // dominant-baseline on some elements, which shifted axis titles off the canvas).
        return Render(Plot(report), isDocument);
    }

    /// <summary>Any figure as SVG at the report's size and text metrics, so other reports (drift) draw like this one.</summary>
    public static string Render(PlotModel plot, bool isDocument)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return SvgExporter.ExportToString(plot, Width, Height, isDocument, new WideTextMeasurer(), useVerticalTextAlignmentWorkaround: true);
    }
}
