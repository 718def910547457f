using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Segmentation.Tracking.Models;

namespace Segmentation.Serving.Scoring;

/// <summary>The display name of a segment id: the one place predict, the SQL tables and serve take names from.</summary>
/// <remarks>
/// Names come from the model folder's <c>segments.json</c> (written with each trial since issue 12); a folder without
/// one, or a segment it does not list, falls back to <c>segment-&lt;id&gt;</c>.
/// </remarks>
public static class SegmentNames
{
    /// <summary>The name of DBSCAN's noise label (−1).</summary>
    public const string Noise = "noise";

    /// <summary>The model folder file the names are read from.</summary>
    public const string SegmentsFile = "segments.json";

    // A model folder never changes once verified (the cache re-downloads rather than edits), so names are read once per folder.
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<int, string>> ByFolder = new(StringComparer.Ordinal);

    /// <summary>The fallback name of <paramref name="segment"/>: <c>segment-&lt;id&gt;</c>, or <see cref="Noise"/>.</summary>
    public static string For(int segment) => segment < 0 ? Noise : "segment-" + segment.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of <paramref name="segment"/> in the model of <paramref name="folder"/>.</summary>
    public static string For(int segment, ModelFolder? folder)
    {
        if (folder is null)
        {
            return For(segment);
        }

        var names = ByFolder.GetOrAdd(folder.DirectoryPath, Read);
        return names.TryGetValue(segment, out var name) ? name : For(segment);
    }

    /// <summary>The names <c>segments.json</c> of <paramref name="directory"/> gives, by segment id; empty when it has none or is unreadable.</summary>
    public static IReadOnlyDictionary<int, string> Read(string directory)
    {
        var path = Path.Combine(directory, SegmentsFile);
        var names = new Dictionary<int, string>();
        if (!File.Exists(path))
        {
            return names;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
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
