using System.Globalization;
using System.Text.Json;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>One request as the emulator sees it: method, unescaped path, query (repeated keys kept) and the JSON body (or query for GET).</summary>
public sealed class EmulatorRequest
{
    private readonly Dictionary<string, List<string>> _query;

    /// <summary>Creates the request view.</summary>
    public EmulatorRequest(string method, string path, Dictionary<string, List<string>> query, JsonElement body, byte[] rawBody)
    {
        Method = method;
        Path = path;
        _query = query;
        Body = body;
        RawBody = rawBody;
    }

    /// <summary>HTTP method.</summary>
    public string Method { get; }

    /// <summary>Unescaped path.</summary>
    public string Path { get; }

    /// <summary>The JSON body (an empty object for GET or an unparseable body, as MLflow treats it).</summary>
    public JsonElement Body { get; }

    /// <summary>The raw body (artifact uploads).</summary>
    public byte[] RawBody { get; }

    /// <summary>A parameter from the body (POST/PATCH/DELETE) or the query (GET), or null.</summary>
    public string? Get(string name)
    {
        if (Method == "GET")
        {
            return _query.TryGetValue(name, out var values) ? values[0] : null;
        }

        if (Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value))
        {
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }

        return null;
    }

    /// <summary>A required parameter: MLflow's message when missing.</summary>
    public string Required(string name) => Get(name) is { Length: > 0 } value
        ? value
        : throw new InvalidParameterException($"Missing value for required parameter '{name}'. See the API docs for more information about request parameters.");

    /// <summary>An int64 parameter, or null.</summary>
    public long? Int64(string name) =>
        Get(name) is { } text ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new InvalidParameterException($"Invalid value {text} for parameter '{name}' supplied.") : null;

    /// <summary>All values of a list parameter (repeated query keys, or a JSON array).</summary>
    public IReadOnlyList<string> List(string name)
    {
        if (Method == "GET")
        {
            return _query.TryGetValue(name, out var values) ? values : [];
        }

        return Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray()
            : [];
    }

    /// <summary>A <c>[{key, value}]</c> body list as pairs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> KeyValues(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => new KeyValuePair<string, string>(e.GetProperty("key").GetString()!, e.TryGetProperty("value", out var v) ? v.GetString() ?? string.Empty : string.Empty)).ToArray()
            : [];

    /// <summary>The elements of a body array, or none.</summary>
    public IEnumerable<JsonElement> Items(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];
}
