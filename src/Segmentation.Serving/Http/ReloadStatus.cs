namespace Segmentation.Serving.Http;

/// <summary>The outcome of the last background reload, reported on <c>/readyz</c>.</summary>
/// <param name="At">When the reload was attempted (UTC).</param>
/// <param name="Succeeded">Whether it left the server on the reference's current version.</param>
/// <param name="Version">The version the reference pointed to at the time, when it resolved.</param>
/// <param name="Error">Why it failed; null on success.</param>
public sealed record ReloadStatus(DateTimeOffset At, bool Succeeded, string? Version, string? Error);
