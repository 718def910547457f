namespace Segmentation.Tracking.Artifacts;

/// <summary>One entry of an artifact listing; <paramref name="Path"/> is relative to the run's artifact root, '/'-separated.</summary>
public sealed record ArtifactFile(string Path, bool IsDirectory, long? FileSize);
