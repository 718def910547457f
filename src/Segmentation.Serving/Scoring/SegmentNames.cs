using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Segmentation.Serving.Models;
using Segmentation.Tracking.Models;

namespace Segmentation.Serving.Scoring;

/// <summary>The display name of a segment id: the one place predict, the SQL tables and serve take names from.</summary>
/// <remarks>
/// In order: the version's overrides (params.yaml <c>segments.names</c>, see <see cref="LoadedModel.SegmentNameOverrides"/>),
/// the names MLmodel records (<c>metadata.segment_names</c>), the folder's <c>segments.json</c> (folders written before
/// the metadata), else <c>segment-&lt;id&gt;</c>.
/// </remarks>
public static class SegmentNames
{
    /// <summary>The name of DBSCAN's noise label (−1).</summary>
    public const string Noise = "noise";

    /// <summary>The model folder attachment the names are read from.</summary>
    public const string SegmentsFile = "segments.json";

    // A model folder never changes once verified (the cache re-downloads rather than edits), so names are read once per folder.
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<int, string>> ByFolder = new(StringComparer.Ordinal);

    /// <summary>The fallback name of <paramref name="segment"/>: <c>segment-&lt;id&gt;</c>, or <see cref="Noise"/>.</summary>
    public static string For(int segment) => segment < 0 ? Noise : "segment-" + segment.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of <paramref name="segment"/> as the loaded model shows it: its version's override, else its folder's name.</summary>
    public static string For(int segment, LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.SegmentNameOverrides?.GetValueOrDefault(segment) ?? For(segment, model.Folder);
    }

    /// <summary>The name of <paramref name="segment"/> in the model of <paramref name="folder"/> (no overrides).</summary>
    public static string For(int segment, ModelFolder? folder)
    {
        if (folder is null)
        {
            return For(segment);
        }

        if (folder.SegmentNames.TryGetValue(segment, out var recorded))
        {
            return recorded;
        }

        var names = ByFolder.GetOrAdd(folder.DirectoryPath, _ => Read(folder));
        return names.TryGetValue(segment, out var name) ? name : For(segment);
    }

    /// <summary>The names the <c>segments.json</c> attachment of <paramref name="folder"/> gives, by segment id; empty when it has none or is unreadable.</summary>
    public static IReadOnlyDictionary<int, string> Read(ModelFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var names = new Dictionary<int, string>();
        if (folder.Attachment(SegmentsFile) is not { } json)
        {
            return names;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("segments", out var segments) && segments.ValueKind == JsonValueKind.Array)
            {
                foreach (var s in segments.EnumerateArray())
                {
                    if (s.TryGetProperty("segment", out var id) && id.TryGetInt32(out var segment)
                        && s.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } text)
                    {
                        names[segment] = text;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Names are a convenience: a damaged segments.json must not stop scoring, so the ids stand in for the names.
            names.Clear();
        }

        return names;
    }
}
