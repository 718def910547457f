namespace Segmentation.Tracking.Registry;

/// <summary>A registered model with its latest version per stage, tags and aliases (alias → version).</summary>
public sealed record RegisteredModel(
    string Name,
    long CreationTimestampMs,
    long LastUpdatedTimestampMs,
    string? Description,
    IReadOnlyList<ModelVersion> LatestVersions,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, string> Aliases);
