namespace Segmentation.Tracking.Experiments;

/// <summary>An MLflow experiment; the id is a string as on the wire (an integer in the SQL store).</summary>
public sealed record Experiment(
    string ExperimentId,
    string Name,
    string ArtifactLocation,
    string LifecycleStage,
    long? CreationTimeMs,
    long? LastUpdateTimeMs,
    IReadOnlyDictionary<string, string> Tags);
