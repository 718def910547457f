using Segmentation.Runner.Recording;
using Segmentation.Tracking;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>Writes a report's HTML page and every figure's SVG, to a run's artifacts or to a folder, under the same relative names.</summary>
public static class HtmlReportArtifacts
{
    /// <summary>Every file of the report: <c>report/index.html</c> and <c>plots/*.svg</c>, by relative path.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Files(HtmlReport report) => Files(report, ReportFigures.Render(report));

    /// <summary>Every file of the report, from its figures rendered once: the page inlines the same drawings the SVG files hold.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Files(HtmlReport report, IReadOnlyList<RenderedFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(figures);
        var files = new List<KeyValuePair<string, string>> { new(HtmlReportExporter.Instance.FileName, HtmlReportExporter.Instance.Export(report, figures)) };
        files.AddRange(figures.Select(f => new KeyValuePair<string, string>(f.Figure.FileName, f.Document)));
        return files;
    }

    /// <summary>Uploads <paramref name="files"/> (every file of a report, from <see cref="Files(HtmlReport, IReadOnlyList{RenderedFigure})"/>) to <paramref name="runId"/>, from memory.</summary>
    public static async Task UploadAsync(ITrackingStore store, string runId, IReadOnlyList<KeyValuePair<string, string>> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (path, text) in files)
        {
            await RunArtifacts.UploadTextAsync(store, runId, path, text, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes every file of the report under <paramref name="directory"/> (created if missing); returns the HTML page's path.</summary>
    public static string Write(string directory, HtmlReport report)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string? page = null;
        foreach (var (path, text) in Files(report))
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            page ??= full;
        }

        return page!;
    }
}
