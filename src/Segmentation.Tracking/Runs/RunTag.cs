namespace Segmentation.Tracking.Runs;

/// <summary>One run tag; setting it again overwrites the value.</summary>
public sealed record RunTag(string Key, string Value);
