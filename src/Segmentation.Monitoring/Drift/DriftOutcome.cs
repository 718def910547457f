namespace Segmentation.Monitoring.Drift;

/// <summary>What <c>segment drift</c> did: the report (with its monitoring run id once logged) and the files written.</summary>
/// <param name="Report">The comparison.</param>
/// <param name="Files">Files written under the output directory (report, JSON), full paths.</param>
public sealed record DriftOutcome(DriftReport Report, IReadOnlyList<string> Files);
