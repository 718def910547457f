using System.Buffers;
using System.Text;
using System.Text.Json;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Segments;

/// <summary>The model folder's <c>segments.json</c>: every segment's name, description, sizes, shares, RFM scores and feature statistics.</summary>
public static class SegmentsJson
{
    /// <summary>File name inside the model folder, next to <c>cluster_profile.csv</c>.</summary>
    public const string FileName = "segments.json";

    /// <summary>Version of the layout; bumped on incompatible changes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Indented JSON of the profiles; NaN (no revenue column) is written as null.</summary>
    /// <remarks>
    /// Streamed through one writer (the text a node tree of it writes, byte for byte): every trial of a sweep writes one, and
    /// building the tree first cost as much as writing it.
    /// </remarks>
    public static string Write(IReadOnlyList<SegmentProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format_version", FormatVersion);
            writer.WriteStartArray("segments");
            foreach (var p in profiles)
            {
                writer.WriteStartObject();
                writer.WriteNumber("segment", p.Segment);
                writer.WriteString("name", p.Name);
                writer.WriteString("description", p.Description);
                writer.WriteNumber("size", p.Size);
                Number(writer, "share", p.Share);
                Number(writer, "revenue_share", p.RevenueShare);
                if (p.Rfm is { } rfm)
                {
                    writer.WriteStartObject("rfm");
                    writer.WriteNumber("r", rfm.R);
                    writer.WriteNumber("f", rfm.F);
                    writer.WriteNumber("m", rfm.M);
                    writer.WriteNumber("fm", rfm.FM);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("rfm");
                }

                writer.WriteStartObject("features");
                foreach (var (name, stats) in p.Features)
                {
                    writer.WriteStartObject(name);
                    Number(writer, "mean", stats.Mean);
                    Number(writer, "median", stats.Median);
                    Number(writer, "lift", stats.Lift);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        // One JSON value by construction, so the model document copies it in unchecked.
        return ModelDocumentParts.Serialized(Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n");
    }

    private static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
