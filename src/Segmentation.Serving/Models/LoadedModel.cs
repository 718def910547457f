using Segmentation.Clustering.Pipeline;
using Segmentation.Data.Pipeline;
using Segmentation.Tracking.Models;

namespace Segmentation.Serving.Models;

/// <summary>A model ready to score: its folder, fitted pipeline, identity and the data params it was trained with.</summary>
/// <param name="Identity">Registered name and version (when from the registry) and run id.</param>
/// <param name="Folder">The verified model folder on disk.</param>
/// <param name="Pipeline">The fitted scaler → reduction → model.</param>
/// <param name="Data">The ingestion, cleaning and feature params of the training run; null when neither the folder nor the run records them.</param>
/// <param name="DataSource">Where <paramref name="Data"/> came from (the folder's training_params.json or the parent run's sweep_config.yaml), for messages.</param>
public sealed record LoadedModel(ResolvedModel Identity, ModelFolder Folder, FittedPipeline Pipeline, DataOptions? Data, string? DataSource)
{
    /// <summary>The registered name, or <c>runs:/RUN_ID/model</c>-style text for an unregistered model.</summary>
    public string ModelName => Identity.Name ?? (RunId is { } run ? $"runs:/{run}/{ModelFolder.ArtifactPath}" : Identity.Reference.Text);

    /// <summary>The registry version, or empty for an unregistered model.</summary>
    public string ModelVersion => Identity.Version ?? string.Empty;

    /// <summary>The run the model was logged to (from the registry, or from its MLmodel).</summary>
    public string RunId => Identity.RunId ?? Folder.RunId ?? string.Empty;

    /// <summary>
    /// The reference date the training features were built at (the resolved date when training used <c>auto</c>), for
    /// <c>--reference-date training</c>; null when the model does not record it (folders written before it was recorded).
    /// </summary>
    public DateOnly? TrainingReferenceDate { get; init; }

    /// <summary>
    /// The segment names people chose for this registered version (params.yaml <c>segments.names</c>), applied over the
    /// folder's names by <see cref="Scoring.SegmentNames"/>; null when it has none.
    /// </summary>
    public IReadOnlyDictionary<int, string>? SegmentNameOverrides { get; init; }

    /// <summary>The input feature names, in the order the pipeline takes them.</summary>
    public IReadOnlyList<string> FeatureNames => Pipeline.FeatureNames;
}
