using Segmentation.Monitoring.Configuration;

namespace Segmentation.Monitoring.Drift;

/// <summary>
/// The one drift report object (like the sweep's summary): every exporter — console table, JSON, tracking metrics, HTML —
/// reads this and nothing else.
/// </summary>
/// <param name="ModelName">The registered model name (or the runs:/ reference).</param>
/// <param name="ModelVersion">The registry version, or empty.</param>
/// <param name="ModelRunId">The run the model was trained in.</param>
/// <param name="Reference">The training dataset version.</param>
/// <param name="Current">The new batch.</param>
/// <param name="Thresholds">The PSI thresholds applied.</param>
/// <param name="Features">One entry per model feature, in the model's order.</param>
/// <param name="Segments">Segment shares and profiles.</param>
/// <param name="Decay">Silhouette now against at training, and the refit ARI.</param>
public sealed record DriftReport(
    string ModelName,
    string ModelVersion,
    string ModelRunId,
    DatasetSide Reference,
    DatasetSide Current,
    MonitoringConfig Thresholds,
    IReadOnlyList<FeatureDrift> Features,
    SegmentDrift Segments,
    ModelDecay Decay)
{
    /// <summary>The worst status over the features and the segment shares.</summary>
    public DriftStatus Status => Features.Select(f => f.Status).Append(Segments.Status).Max();

    /// <summary>The monitoring run this report was logged to, once logged.</summary>
    public string? RunId { get; init; }

    /// <summary>The experiment the monitoring run is in: <c>&lt;model name&gt;-monitoring</c>.</summary>
    public string ExperimentName => ExperimentFor(ModelName);

    /// <summary>The monitoring experiment of a model.</summary>
    public static string ExperimentFor(string modelName) => modelName + "-monitoring";
}
