using Segmentation.Runner.Recording;
using Segmentation.Tracking;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>Writes a report's HTML page and every figure's SVG, to a run's artifacts or to a folder, under the same relative names.</summary>
public static class HtmlReportArtifacts
{
    /// <summary>Every file of the report: <c>report/index.html</c> and <c>plots/*.svg</c>, by relative path.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Files(HtmlReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var files = new List<KeyValuePair<string, string>> { new(HtmlReportExporter.Instance.FileName, HtmlReportExporter.Instance.Export(report)) };
        files.AddRange(ReportFigures.Of(report).Select(f => new KeyValuePair<string, string>(f.FileName, f.Export(report))));
        return files;
    }

    /// <summary>Uploads every file of the report to <paramref name="runId"/>, from memory.</summary>
    public static async Task UploadAsync(ITrackingStore store, string runId, HtmlReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var (path, text) in Files(report))
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
