using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Hashing;

/// <summary>Canonical JSON (keys sorted ordinally, no whitespace, values as written) and its SHA-256, for stable hashes.</summary>
public static class CanonicalJson
{
    // Minimal escaping (quotes, backslash, control characters), as RFC 8785 does: '+' in "log1p+standard" stays '+'.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string literal with the same minimal escaping.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Canonical JSON of a config tree; scalars are strings exactly as written, nulls are JSON null.</summary>
    public static string Of(ConfigValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Canonical JSON of string pairs: an object with keys sorted ordinally (duplicate keys are a bug).</summary>
    public static string Of(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Hex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static void Write(Utf8JsonWriter writer, ConfigValue value)
    {
        switch (value)
        {
            case ConfigScalar { IsNull: true }:
                writer.WriteNullValue();
                break;
            case ConfigScalar scalar:
                writer.WriteStringValue(scalar.Text);
                break;
            case ConfigSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConfigMapping mapping:
                writer.WriteStartObject();
                foreach (var (key, child) in mapping.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, child);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"unsupported config node {value.GetType().Name} at {value.Path}", nameof(value));
        }
    }
}
