using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Segmentation.Data.Versioning;

/// <summary>JSON with object keys sorted ordinally and no whitespace, so equal values hash equal.</summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions SerializeOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Serializes <paramref name="value"/> (snake_case names, enums as strings) and sorts every object's keys.</summary>
    public static JsonObject From<T>(T value)
    {
        var node = JsonSerializer.SerializeToNode(value, SerializeOptions) as JsonObject
            ?? throw new ArgumentException("expected a value that serializes to a JSON object", nameof(value));
        return (JsonObject)Sort(node)!;
    }

    /// <summary>The compact canonical text of <paramref name="node"/>.</summary>
    public static string ToText(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Sort(node)!.ToJsonString();
    }

    /// <summary>Lowercase hex SHA-256 of the canonical text.</summary>
    public static string Hash(JsonNode node) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToText(node))));

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
