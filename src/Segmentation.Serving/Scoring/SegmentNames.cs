using System.Globalization;

namespace Segmentation.Serving.Scoring;

/// <summary>The display name of a segment id: the one place predict, the SQL tables and serve take names from.</summary>
/// <remarks>
/// Named segments are coming to the cluster profile (issue 12); until then a segment is <c>segment-&lt;id&gt;</c>.
/// Switching to the profile's names changes this class alone.
/// </remarks>
public static class SegmentNames
{
    /// <summary>The name of DBSCAN's noise label (−1).</summary>
    public const string Noise = "noise";

    /// <summary>The name of <paramref name="segment"/> in a model; <paramref name="profileCsv"/> is the model's cluster profile, unused until it carries names.</summary>
    public static string For(int segment, string? profileCsv = null)
    {
        _ = profileCsv;
        return segment < 0 ? Noise : "segment-" + segment.ToString(CultureInfo.InvariantCulture);
    }
}
