namespace Segmentation.Tracking.Runs;

/// <summary>A dataset as MLflow records it; <c>Source</c>, <c>Schema</c> and <c>Profile</c> are JSON strings.</summary>
public sealed record Dataset(string Name, string Digest, string SourceType, string Source, string? Schema = null, string? Profile = null);
