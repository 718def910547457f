using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Execution;

/// <summary>What happened to one trial.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Status">Finished, failed, killed or skipped.</param>
/// <param name="RunId">Its MLflow run (the existing one when skipped), or null when none was created.</param>
/// <param name="Metrics">Its metrics (empty when it failed).</param>
/// <param name="Error">The error message when it failed.</param>
public sealed record TrialOutcome(Trial Trial, TrialStatus Status, string? RunId, IReadOnlyDictionary<string, double> Metrics, string? Error);
