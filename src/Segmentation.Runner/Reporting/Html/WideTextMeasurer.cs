using OxyPlot;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>
/// Measures text as OxyPlot's PDF context does (Helvetica metrics), widened by 30%: browsers draw the SVG in the
/// first installed sans-serif font (DejaVu Sans on Debian), which is wider, and text measured too narrow is clipped
/// inside legends and overlaps its neighbours.
/// </summary>
internal sealed class WideTextMeasurer() : PdfRenderContext(PlotSvgExporter.Width, PlotSvgExporter.Height, OxyColors.White)
{
    private const double Widening = 1.3;

    /// <inheritdoc/>
    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
    {
        var size = base.MeasureText(text, fontFamily, fontSize, fontWeight);
        return new OxySize(size.Width * Widening, size.Height);
    }
}
