using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Data.Configuration;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Pipeline;

/// <summary>
/// The data params a model was trained with (<c>data</c>, <c>cleaning</c>, <c>features</c> as YAML, plus the reference
/// date), stored as <see cref="FileName"/> in the model folder so predict rebuilds features the way training did.
/// </summary>
/// <param name="DataConfigYaml">The effective <c>data:</c>, <c>cleaning:</c> and <c>features:</c> sections as YAML (what <see cref="DataOptions.Bind"/> reads).</param>
/// <param name="ReferenceDateSetting">The training's <c>features.reference_date</c>: <c>auto</c> or a date.</param>
/// <param name="ReferenceDate">The training reference date when known (given explicitly, or resolved by the writer); null when not recorded.</param>
/// <param name="FeatureNames">The feature columns the model was fitted on, in order.</param>
public sealed record TrainingParams(string DataConfigYaml, string ReferenceDateSetting, DateOnly? ReferenceDate, IReadOnlyList<string> FeatureNames)
{
    /// <summary>File name inside the model folder.</summary>
    public const string FileName = "training_params.json";

    /// <summary>Version of the JSON layout.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The sections of a merged config that decide how features are built.</summary>
    public static IReadOnlyList<string> Sections { get; } = ["data", "cleaning", "features"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>JSON layout version of this instance.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Binds the recorded sections; <paramref name="source"/> names the file in any error.</summary>
    /// <exception cref="ConfigException">The recorded params do not bind (written by an incompatible version).</exception>
    public DataOptions ToDataOptions(string source) => DataOptions.Bind(ConfigDocument.Parse(DataConfigYaml, source));

    /// <summary>The JSON text of the file.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the file's JSON; <paramref name="source"/> names the file in the error.</summary>
    /// <exception cref="DataFormatException">Malformed JSON, missing fields or an unknown format version.</exception>
    public static TrainingParams FromJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        TrainingParams? value;
        try
        {
            value = JsonSerializer.Deserialize<TrainingParams>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new DataFormatException($"not a training params file: {ex.Message}", source);
        }

        if (value?.DataConfigYaml is null || value.FeatureNames is null || value.ReferenceDateSetting is null)
        {
            throw new DataFormatException("not a training params file: data_config_yaml, reference_date_setting and feature_names are required", source);
        }

        return value.FormatVersion == CurrentFormatVersion
            ? value
            : throw new DataFormatException(
                string.Create(CultureInfo.InvariantCulture, $"training params format_version {value.FormatVersion} is not readable by this build (reads {CurrentFormatVersion})"), source);
    }

    /// <summary>The params of <paramref name="root"/> (a merged config): its data sections as YAML and its reference date setting.</summary>
    /// <param name="root">The merged configuration.</param>
    /// <param name="toYaml">Writes a mapping as YAML (the Runner's effective-config writer).</param>
    /// <param name="featureNames">The fitted feature columns.</param>
    /// <param name="resolvedReferenceDate">The date the training features were actually built at (what <c>auto</c> resolved
    /// to); recorded as <see cref="ReferenceDate"/> so predict and drift can rebuild features at the training date.</param>
    public static TrainingParams FromConfig(ConfigMapping root, Func<ConfigMapping, string> toYaml, IReadOnlyList<string> featureNames, DateOnly? resolvedReferenceDate = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(toYaml);
        // Only these sections: the rest (tracking URIs, registry targets) says nothing about features and may hold hosts.
        var subset = new ConfigMapping(root.Entries.Where(e => Sections.Contains(e.Key, StringComparer.Ordinal)), root.Source, root.Line, root.Column, root.Path);
        var reference = DataOptions.Bind(subset).Features.ReferenceDate;
        return new TrainingParams(
            toYaml(subset),
            reference?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "auto",
            reference ?? resolvedReferenceDate,
            [.. featureNames]);
    }
}
