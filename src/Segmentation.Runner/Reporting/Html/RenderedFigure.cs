namespace Segmentation.Runner.Reporting.Html;

/// <summary>
/// One figure rendered once: its standalone SVG document (<c>plots/NAME.svg</c>) and, derived from the same text, the
/// element the HTML page inlines, so a report draws each figure once instead of once per file.
/// </summary>
/// <param name="Figure">The figure.</param>
/// <param name="Document">The figure as OxyPlot's standalone SVG document.</param>
public sealed record RenderedFigure(PlotSvgExporter Figure, string Document)
{
    // What OxyPlot 2.2 writes before the <svg> element with isDocument: true, and instead of it with isDocument: false
    // (the XML declaration without standalone and without the doctype); the rest of the text is the same.
    private const string DocumentProlog =
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n";

    private const string ElementProlog = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

    /// <summary>The figure of <paramref name="report"/>, rendered as a document.</summary>
    public static RenderedFigure Of(PlotSvgExporter figure, HtmlReport report)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return new RenderedFigure(figure, figure.Render(report, isDocument: true));
    }

    /// <summary>
    /// The figure as OxyPlot renders it with <c>isDocument: false</c>, for inlining into HTML; rendered again only when
    /// the document does not start with the prolog this OxyPlot version writes.
    /// </summary>
    public string Element(HtmlReport report) =>
        Document.StartsWith(DocumentProlog, StringComparison.Ordinal)
            ? string.Concat(ElementProlog, Document.AsSpan(DocumentProlog.Length))
            : Figure.Render(report, isDocument: false);
}
