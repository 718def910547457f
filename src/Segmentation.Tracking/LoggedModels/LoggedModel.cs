using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.LoggedModels;

/// <summary>An MLflow 3 logged model (<c>logged-models/get</c>'s <c>model</c>): info, params, tags and the metrics linked to it.</summary>
/// <param name="ModelId">"m-" and 32 hex digits.</param>
/// <param name="ArtifactUri">Its own artifact folder, e.g. <c>mlflow-artifacts:/1/models/m-…/artifacts</c>.</param>
/// <param name="SourceRunId">The run that produced it, or null.</param>
/// <param name="Metrics">Points logged with this model's id (on its run or another).</param>
public sealed record LoggedModel(
    string ModelId,
    string ExperimentId,
    string Name,
    string ArtifactUri,
    LoggedModelStatus Status,
    string? SourceRunId,
    string? ModelType,
    long CreationTimestampMs,
    long LastUpdatedTimestampMs,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<Metric> Metrics);
