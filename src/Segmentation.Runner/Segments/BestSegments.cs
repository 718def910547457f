using System.Text.Json;
using Segmentation.Data.Features;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Segments;

/// <summary>Reads a trial's segment table back from its model folder's <c>segments.json</c> attachment, so a resumed sweep (every trial skipped) prints it too.</summary>
public static class BestSegments
{
    /// <summary>The rows of <c>segments.json</c> in segment order.</summary>
    public static IReadOnlyList<SegmentRow> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("segments").EnumerateArray().Select(s => new SegmentRow(
            s.GetProperty("segment").GetInt32(),
            s.GetProperty("name").GetString() ?? string.Empty,
            s.GetProperty("size").GetInt32(),
            Number(s, "share"),
            Number(s, "revenue_share"),
            Median(s, FeatureCatalog.RecencyDays),
            Median(s, FeatureCatalog.Frequency),
            Median(s, FeatureCatalog.Monetary)))];
    }

    /// <summary>
    /// The segment table of a run's model (its <c>segments.json</c> attachment), or null when the run has none: no model folder
    /// this tool can read, or one logged before segments.json existed. The table is shown beside the results, never needed for them.
    /// </summary>
    public static Task<IReadOnlyList<SegmentRow>?> LoadAsync(ITrackingStore store, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return LoadAsync(ModelFolder.LoadAsync(store, runId, cancellationToken));
    }

    /// <summary>
    /// The segment table of a model folder read already under way (or done), so a caller that needs the folder for more
    /// (the sweep's report) reads it once; null as in <see cref="LoadAsync(ITrackingStore, string, CancellationToken)"/>.
    /// </summary>
    public static async Task<IReadOnlyList<SegmentRow>?> LoadAsync(Task<ModelFolder> folderRead)
    {
        ArgumentNullException.ThrowIfNull(folderRead);
        try
        {
            var folder = await folderRead.ConfigureAwait(false);
            return folder.Attachment(SegmentsJson.FileName) is { } json ? Parse(json) : null;
        }
        catch (ModelFolderException)
        {
            return null;
        }
    }

    private static double Number(JsonElement segment, string key) =>
        segment.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;

    private static double Median(JsonElement segment, string feature) =>
        segment.GetProperty("features").TryGetProperty(feature, out var stats) ? Number(stats, "median") : double.NaN;
}
