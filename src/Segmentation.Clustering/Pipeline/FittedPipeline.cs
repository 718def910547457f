using System.Globalization;
using System.Text.Json;

namespace Segmentation.Clustering.Pipeline;

/// <summary>A fitted scaler → optional PCA → clustering model, serialisable to JSON and back with identical predictions.</summary>
/// <param name="Preprocessor">The fitted preprocessing (also holds the input feature names).</param>
/// <param name="Model">The fitted clustering model, serialised with its <c>"kind"</c>.</param>
public sealed record FittedPipeline(FittedPreprocessor Preprocessor, IClusterModel Model)
{
    /// <summary>Version of the JSON layout; bumped on incompatible changes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>JSON layout version of this instance.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Input feature names, in column order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> FeatureNames => Preprocessor.FeatureNames;

    /// <summary>Segment of every row of <paramref name="x"/>, whose columns are named <paramref name="featureNames"/>.</summary>
    public int[] Predict(Matrix x, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(x);
        var transformed = Preprocessor.Transform(x, featureNames);
        return Model.Predict(transformed);
    }

    /// <summary>Serialises the pipeline (indented JSON, doubles written round-trip exact).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ClusterModelJson.Options);

    /// <summary>Reads a pipeline written by <see cref="ToJson"/>; throws <see cref="ArgumentException"/> on malformed or incompatible JSON.</summary>
    public static FittedPipeline FromJson(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        FittedPipeline? pipeline;
        try
        {
            pipeline = JsonSerializer.Deserialize<FittedPipeline>(json, ClusterModelJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Not a fitted pipeline: {ex.Message}", nameof(json), ex);
        }

        if (pipeline?.Preprocessor is null || pipeline.Model is null)
        {
            throw new ArgumentException("Not a fitted pipeline: 'preprocessor' and 'model' are required.", nameof(json));
        }

        if (pipeline.FormatVersion != CurrentFormatVersion)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Pipeline formatVersion is {pipeline.FormatVersion}; this build reads {CurrentFormatVersion}."),
                nameof(json));
        }

        if (pipeline.Preprocessor.OutputDimension != pipeline.Model.FeatureCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Pipeline preprocessing outputs {pipeline.Preprocessor.OutputDimension} columns but the model takes {pipeline.Model.FeatureCount}."),
                nameof(json));
        }

        return pipeline;
    }
}
