using System.Text.Json.Nodes;

namespace Segmentation.Data.Configuration;

/// <summary>A node of a YAML configuration that remembers where it came from, so errors can point at it.</summary>
public abstract class ConfigValue
{
    protected ConfigValue(string source, int line, int column, string path)
    {
        Source = source;
        Line = line;
        Column = column;
        Path = path;
    }

    /// <summary>The file name, or a description such as "environment MLFLOW_TRACKING_URI".</summary>
    public string Source { get; }

    /// <summary>1-based line in <see cref="Source"/>, 0 when not from a file.</summary>
    public int Line { get; }

    /// <summary>1-based column in <see cref="Source"/>, 0 when not from a file.</summary>
    public int Column { get; }

    /// <summary>Dotted key path from the document root (list items as <c>[i]</c>).</summary>
    public string Path { get; }

    /// <summary>A short name of the node kind for messages ("a mapping", "a list", "a scalar").</summary>
    public abstract string KindName { get; }

    /// <summary>An error located at this node.</summary>
    public ConfigException Error(string message) => new(message, Source, Line, Column, Path);

    /// <summary>Returns a copy of this node re-rooted at another key path (used when merging documents).</summary>
    internal abstract ConfigValue WithPath(string path);

    /// <summary>The value as a JSON tree: scalars as strings exactly as written, nulls as JSON null (what config hashes cover).</summary>
    public JsonNode? ToJson() => this switch
    {
        ConfigScalar { IsNull: true } => null,
        ConfigScalar scalar => JsonValue.Create(scalar.Text),
        ConfigSequence sequence => new JsonArray([.. sequence.Items.Select(item => item.ToJson())]),
        ConfigMapping mapping => new JsonObject(mapping.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.ToJson()))),
        _ => throw new InvalidOperationException($"unsupported config node {GetType().Name} at {Path}"),
    };
}
