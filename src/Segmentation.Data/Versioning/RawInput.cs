namespace Segmentation.Data.Versioning;

/// <summary>The raw transactions file a dataset version was built from.</summary>
public sealed record RawInput(string Path, string Sha256, long Bytes);
