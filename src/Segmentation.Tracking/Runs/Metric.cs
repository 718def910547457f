namespace Segmentation.Tracking.Runs;

/// <summary>One metric point; <paramref name="TimestampMs"/> is Unix milliseconds.</summary>
public sealed record Metric(string Key, double Value, long TimestampMs, long Step = 0);
