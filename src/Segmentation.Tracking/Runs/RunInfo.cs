namespace Segmentation.Tracking.Runs;

/// <summary>A run's metadata (MLflow's <c>RunInfo</c>).</summary>
public sealed record RunInfo(
    string RunId,
    string ExperimentId,
    string RunName,
    string UserId,
    RunStatus Status,
    long StartTimeMs,
    long? EndTimeMs,
    string ArtifactUri,
    string LifecycleStage);
