namespace Segmentation.Tracking.Runs;

/// <summary>What a new run starts with; the name and parent become the <c>mlflow.runName</c> / <c>mlflow.parentRunId</c> tags.</summary>
public sealed record CreateRunRequest(
    string ExperimentId,
    string? RunName,
    long StartTimeMs,
    IReadOnlyDictionary<string, string>? Tags = null,
    string? ParentRunId = null,
    string? UserId = null);
