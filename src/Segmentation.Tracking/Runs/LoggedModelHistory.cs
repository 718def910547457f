using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Runs;

/// <summary>
/// The <c>mlflow.log-model.history</c> run tag as MLflow's server writes it on <c>runs/log-model</c>: a JSON list of the
/// logged models' <c>model_json</c> objects, in Python's <c>json.dumps</c> form (<c>", "</c> and <c>": "</c> separators,
/// ASCII only), so the local store's rows read exactly like the server's (v3 fixtures 147/148, 2.17.2's the same).
/// </summary>
public static class LoggedModelHistory
{
    /// <summary>The tag value after logging <paramref name="modelJson"/>: <paramref name="existing"/>'s entries, then this one.</summary>
    /// <exception cref="InvalidParameterException"><paramref name="modelJson"/> is not a JSON object.</exception>
    public static string Append(string? existing, string modelJson)
    {
        ArgumentNullException.ThrowIfNull(modelJson);
        JsonNode? model;
        try
        {
            model = JsonNode.Parse(modelJson);
        }
        catch (JsonException ex)
        {
            throw new InvalidParameterException($"model_json is not JSON: {ex.Message}", ex);
        }

        if (model is not JsonObject)
        {
            throw new InvalidParameterException("model_json must be a JSON object (an MLmodel's fields)");
        }

        return AppendToList(existing, model);
    }

    /// <summary>
    /// A tag holding a JSON list (as MLflow keeps its histories), with <paramref name="entry"/> appended, in Python's
    /// <c>json.dumps</c> form. A tag that is not a JSON list — overwritten by hand — starts a fresh list, as the server does.
    /// </summary>
    public static string AppendToList(string? existing, JsonNode entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var list = new JsonArray();
        if (!string.IsNullOrWhiteSpace(existing))
        {
            try
            {
                if (JsonNode.Parse(existing) is JsonArray previous)
                {
                    foreach (var item in previous.ToList())
                    {
                        previous.Remove(item);
                        list.Add(item);
                    }
                }
            }
            catch (JsonException)
            {
                // Nothing of ours is lost by starting over: the list only ever records what was logged.
            }
        }

        list.Add(entry);
        return Dumps(list);
    }

    /// <summary>Python's <c>json.dumps</c> of a JSON value (default separators, <c>ensure_ascii</c>).</summary>
    public static string Dumps(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    text.Append(first ? string.Empty : ", ");
                    first = false;
                    WriteString(text, key);
                    text.Append(": ");
                    Write(text, value);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    Write(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                break;
            default:
                // Numbers, booleans: their JSON text is Python's too (true/false, integers as written).
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
