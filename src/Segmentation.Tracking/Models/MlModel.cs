using System.Globalization;
using System.Text.Json;
using Segmentation.Tracking.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Segmentation.Tracking.Models;

/// <summary>An <c>MLmodel</c> file as read: the fields MLflow defines, with each flavor's scalar settings.</summary>
/// <param name="ArtifactPath">The model's artifact path inside its run (<c>model</c>), or null when absent.</param>
/// <param name="Flavors">Flavor name → its scalar settings (nested maps, such as python_function's <c>env</c>, are left out).</param>
/// <param name="ModelUuid">The model's uuid, or null.</param>
/// <param name="RunId">The run the model was logged to, or null.</param>
/// <param name="UtcTimeCreated">When the model was written, or null.</param>
/// <param name="Inputs">The signature's input columns (empty without a signature).</param>
/// <param name="Outputs">The signature's output columns (empty without a signature).</param>
public sealed record MlModel(
    string? ArtifactPath,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Flavors,
    string? ModelUuid,
    string? RunId,
    DateTimeOffset? UtcTimeCreated,
    IReadOnlyList<ModelColumn> Inputs,
    IReadOnlyList<ModelColumn> Outputs)
{
    /// <summary>The key under MLmodel's <c>metadata</c> holding the name of each segment label.</summary>
    public const string SegmentNamesKey = "segment_names";

    /// <summary>The segment names of <c>metadata.segment_names</c>, by label; empty when the file has none.</summary>
    public IReadOnlyDictionary<int, string> SegmentNames { get; init; } = new Dictionary<int, string>();

    /// <summary>The format of <c>utc_time_created</c>, as MLflow writes it (Python's <c>str(datetime.utcnow())</c>).</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss.ffffff";

    /// <summary>Parses MLmodel YAML; <paramref name="filePath"/> names the file in errors.</summary>
    /// <exception cref="ModelFolderException">The text is not YAML, not a mapping, or a field has the wrong shape.</exception>
    public static MlModel Parse(string yaml, string filePath)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(filePath);
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping
                ? mapping
                : throw new ModelFolderException(filePath, $"'{filePath}' is not an MLmodel file: expected a YAML mapping with flavors, run_id and signature");
        }
        catch (YamlException ex)
        {
            throw new ModelFolderException(filePath,
                string.Create(CultureInfo.InvariantCulture, $"'{filePath}' is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}"), ex);
        }

        var flavors = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (Child(root, "flavors") is YamlMappingNode flavorNodes)
        {
            foreach (var (name, settings) in flavorNodes.Children)
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                if (settings is YamlMappingNode map)
                {
                    foreach (var (key, value) in map.Children)
                    {
                        if (key is YamlScalarNode { Value: { } k } && value is YamlScalarNode { Value: { } v })
                        {
                            values[k] = v;
                        }
                    }
                }

                flavors[((YamlScalarNode)name).Value ?? string.Empty] = values;
            }
        }

        var signature = Child(root, "signature") as YamlMappingNode;
        var names = new Dictionary<int, string>();
        if (Child(root, "metadata") is YamlMappingNode metadata && Child(metadata, SegmentNamesKey) is YamlMappingNode segmentNames)
        {
            foreach (var (key, value) in segmentNames.Children)
            {
                if (key is not YamlScalarNode { Value: { } label } || !int.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var segment)
                    || value is not YamlScalarNode { Value: { Length: > 0 } name })
                {
                    throw new ModelFolderException(filePath, $"'{filePath}': metadata.{SegmentNamesKey} must map segment labels (integers) to non-empty names; found '{key}: {value}'");
                }

                names[segment] = name;
            }
        }

        return new MlModel(
            Scalar(root, "artifact_path"),
            flavors,
            Scalar(root, "model_uuid"),
            Scalar(root, "run_id"),
            ParseTime(Scalar(root, "utc_time_created"), filePath),
            signature is null ? [] : Columns(Scalar(signature, "inputs"), "inputs", filePath),
            signature is null ? [] : Columns(Scalar(signature, "outputs"), "outputs", filePath))
        {
            SegmentNames = names,
        };
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key) =>
        Child(map, key) is YamlScalarNode { Value: { } value } && value is not ("null" or "~" or "") ? value : null;

    private static DateTimeOffset? ParseTime(string? text, string filePath)
    {
        if (text is null)
        {
            return null;
        }

        string[] formats = [TimeFormat, "yyyy-MM-dd HH:mm:ss"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new ModelFolderException(filePath, $"'{filePath}': utc_time_created '{text}' is not a time of the form {TimeFormat}");
    }

    private static ModelColumn[] Columns(string? json, string field, string filePath)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            // MLflow stores each signature schema as a JSON string inside the YAML: a list of ColSpecs.
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateArray().Select(column => new ModelColumn(
                column.TryGetProperty("name", out var name) ? name.GetString() ?? string.Empty : string.Empty,
                column.TryGetProperty("type", out var type) ? type.GetString() ?? string.Empty : string.Empty,
                !column.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.False)).ToArray();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new ModelFolderException(filePath, $"'{filePath}': signature {field} is not a JSON list of columns: {ex.Message}", ex);
        }
    }
}
