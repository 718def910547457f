namespace Segmentation.Monitoring.Drift;

/// <summary>One <c>segment drift</c> invocation.</summary>
/// <param name="Model">The model reference (<c>models:/NAME@ALIAS</c> …).</param>
/// <param name="Input">The new transactions (or a customer table).</param>
/// <param name="ReferenceDate">Null = auto: the day after the batch's last transaction.</param>
/// <param name="Thresholds">The <c>monitoring:</c> thresholds.</param>
/// <param name="OutputDirectory">Where to write <c>drift_report/index.html</c> and <c>drift.json</c>, or null.</param>
/// <param name="Track">Whether to log the monitoring run.</param>
public sealed record DriftRequest(string Model, string Input, DateOnly? ReferenceDate, Configuration.MonitoringConfig Thresholds, string? OutputDirectory, bool Track = true);
