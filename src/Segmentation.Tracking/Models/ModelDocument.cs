using System.Buffers;
using System.Text.Json;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Models;

/// <summary>
/// The model folder's one document (<see cref="ModelFolder.DocumentFile"/>): the fitted pipeline, the cluster profile and every
/// attachment, as <c>{"segmentation_model": 1, "pipeline": {…}, "cluster_profile": "csv…", "attachments": {"segments.json": {…},
/// "segment_products.csv": "csv…"}}</c>. JSON attachments (a name ending in <c>.json</c>) are embedded as JSON, so the document
/// reads as one; CSV ones as their text, so a table is still a table to its reader.
/// </summary>
/// <remarks>Written and read only through <see cref="ModelFolder"/>; the Python loader reads its <c>pipeline</c>.</remarks>
internal static class ModelDocument
{
    /// <summary>The key holding the document's layout version, which also tells it from a bare pipeline JSON.</summary>
    public const string VersionKey = "segmentation_model";

    /// <summary>The layout version written.</summary>
    public const int Version = 1;

    /// <summary>The document of <paramref name="content"/> as UTF-8 bytes.</summary>
    /// <remarks>
    /// Streamed through one writer, the JSON parts validated and copied in as they are: a sweep writes one document per
    /// trial, and an agglomerative pipeline holds every training point (250 KB of JSON on the shipped data), so building a
    /// node tree of it, or re-writing its numbers, cost more than the rest of the folder.
    /// </remarks>
    public static byte[] Write(ModelFolderContent content)
    {
        // Sized for the parts up front (ASCII in practice: a byte per character) so the buffer is not regrown and copied.
        var attachments = content.Attachments ?? new Dictionary<string, string>();
        var capacity = 1024L + content.PipelineJson.Length + content.ClusterProfileCsv.Length;
        foreach (var text in attachments.Values)
        {
            capacity += text.Length + 64;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(capacity, Array.MaxLength));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber(VersionKey, Version);
            writer.WritePropertyName("pipeline");
            WriteParsed(writer, content.PipelineJson, "the pipeline");
            writer.WriteString("cluster_profile", content.ClusterProfileCsv);
            writer.WriteStartObject("attachments");
            foreach (var (name, text) in attachments.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                if (IsJson(name))
                {
                    WriteParsed(writer, text, name);
                }
                else
                {
                    writer.WriteStringValue(text);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a document; <paramref name="path"/> names the file in errors.</summary>
    /// <exception cref="ModelFolderException">Not JSON, another layout version, or a section of the wrong shape.</exception>
    public static (string PipelineJson, string? ClusterProfileCsv, Dictionary<string, string> Attachments) Read(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(VersionKey, out var version) || !version.TryGetInt32(out var number))
            {
                throw new ModelFolderException(path, $"'{path}' is not a model document: expected a JSON object with \"{VersionKey}\": {Version}");
            }

            if (number != Version)
            {
                throw new ModelFolderException(path, $"'{path}' is a model document of layout {number}; this tool reads layout {Version} (a newer version of the tool wrote it)");
            }

            if (!root.TryGetProperty("pipeline", out var pipeline) || pipeline.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFolderException(path, $"'{path}' has no \"pipeline\" object: the model document is incomplete");
            }

            string? profile = root.TryGetProperty("cluster_profile", out var csv) ? Text(csv, "cluster_profile", path) : null;
            var attachments = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("attachments", out var section))
            {
                if (section.ValueKind != JsonValueKind.Object)
                {
                    throw new ModelFolderException(path, $"'{path}': \"attachments\" must be an object of file name → content, found {section.ValueKind}");
                }

                foreach (var attachment in section.EnumerateObject())
                {
                    attachments[attachment.Name] = IsJson(attachment.Name) ? attachment.Value.GetRawText() : Text(attachment.Value, "attachments." + attachment.Name, path);
                }
            }

            return (pipeline.GetRawText(), profile, attachments);
        }
        catch (JsonException ex)
        {
            throw new ModelFolderException(path, $"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static bool IsJson(string name) => name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static string Text(JsonElement value, string key, string path) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new ModelFolderException(path, $"'{path}': \"{key}\" must be a string (CSV text), found {value.ValueKind}");

    // Checked by one reader pass (no tree, no number re-formatting) unless known valid (ModelDocumentParts), and copied in as
    // it is: a JSON part keeps its own line breaks, so the document stays valid JSON whose nested parts are indented from their
    // own first column.
    private static void WriteParsed(Utf8JsonWriter writer, string json, string what)
    {
        if (ModelDocumentParts.IsKnownValid(json))
        {
            writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }

        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType == JsonTokenType.Null)
            {
                throw new ArgumentException($"{what} is the JSON null, not an object");
            }

            reader.Skip();
            while (reader.Read())
            {
                // Past the root value only whitespace may follow; the reader throws on anything else.
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not valid JSON: {ex.Message}", ex);
        }

        writer.WriteRawValue(utf8, skipInputValidation: true);
        ModelDocumentParts.RememberChecked(json);
    }
}
