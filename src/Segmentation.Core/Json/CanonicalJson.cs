using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Segmentation.Core.Json;

/// <summary>
/// Canonical JSON — object keys sorted ordinally, no whitespace, minimal escaping — and its SHA-256: the one encoding
/// behind every content hash (trial hashes, config hashes, sweep ids, dataset lineage), so equal values hash equal.
/// </summary>
public static class CanonicalJson
{
    // Minimal escaping (quotes, backslash, control characters), as RFC 8785 does: '+' in "log1p+standard" stays '+'.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions SnakeCase = NewOptions();

    /// <summary>A JSON string literal with the canonical (minimal) escaping.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Write(writer => writer.WriteStringValue(value));
    }

    /// <summary>Canonical JSON of string pairs: an object with keys sorted ordinally (duplicate keys are a bug).</summary>
    public static string Of(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>Canonical JSON of a JSON tree: every object's keys sorted ordinally, arrays in order.</summary>
    public static string Of(JsonNode? node) => Write(writer => WriteSorted(writer, node));

    /// <summary>Serializes <paramref name="value"/> with snake_case names and enums as snake_case strings, as a JSON object.</summary>
    public static JsonObject From<T>(T value) =>
        JsonSerializer.SerializeToNode(value, SnakeCase) as JsonObject
        ?? throw new ArgumentException("expected a value that serializes to a JSON object", nameof(value));

    /// <summary>
    /// <see cref="From{T}(T)"/> through source-generated metadata: the type's info from a <see cref="JsonSerializerContext"/>
    /// constructed with <see cref="NewOptions"/>, so the same JSON without building the type's metadata by reflection and
    /// emitted IL at run time.
    /// </summary>
    public static JsonObject From<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.SerializeToNode(value, typeInfo) as JsonObject
        ?? throw new ArgumentException("expected a value that serializes to a JSON object", nameof(value));

    /// <summary>
    /// A new instance of the serializer options <see cref="From{T}(T)"/> uses — snake_case names and dictionary keys, enums as
    /// snake_case strings — for a source-generated context to be constructed with (a context takes its options instance over).
    /// </summary>
    public static JsonSerializerOptions NewOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Lower-case hex SHA-256 of the canonical text of <paramref name="node"/>.</summary>
    public static string Hash(JsonNode? node) => Sha256Hex(Of(node));

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Hex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, child);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
