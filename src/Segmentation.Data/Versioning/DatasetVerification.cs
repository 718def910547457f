namespace Segmentation.Data.Versioning;

/// <summary>The outcome of re-hashing one stored version: <see cref="Ok"/> when the content still has its digest.</summary>
public sealed record DatasetVerification(string Digest, bool Ok, string? ActualDigest, string? Problem);
