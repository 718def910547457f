namespace Segmentation.Tracking.Registry;

/// <summary>A model version; <paramref name="Version"/> is a string as on the wire, <paramref name="Status"/> e.g. READY.</summary>
public sealed record ModelVersion(
    string Name,
    string Version,
    long CreationTimestampMs,
    long LastUpdatedTimestampMs,
    string CurrentStage,
    string? Description,
    string Source,
    string? RunId,
    string Status,
    string? StatusMessage,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Aliases);
