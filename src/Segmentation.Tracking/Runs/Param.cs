namespace Segmentation.Tracking.Runs;

/// <summary>One run parameter; immutable once logged (re-logging another value is refused).</summary>
public sealed record Param(string Key, string Value);
