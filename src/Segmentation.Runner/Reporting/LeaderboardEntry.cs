namespace Segmentation.Runner.Reporting;

/// <summary>One finished trial on the leaderboard.</summary>
/// <param name="RunId">The trial's MLflow run id.</param>
/// <param name="RunName">Readable run name.</param>
/// <param name="TrialHash">The trial hash.</param>
/// <param name="Params">Logged params.</param>
/// <param name="Metrics">Logged metrics (latest values).</param>
/// <param name="Violations">Constraints the trial violates; empty when eligible.</param>
public sealed record LeaderboardEntry(
    string RunId,
    string RunName,
    string TrialHash,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Violations)
{
    /// <summary>Whether the trial meets every constraint.</summary>
    public bool Eligible => Violations.Count == 0;

    /// <summary>A metric's value, NaN when not logged.</summary>
    public double Metric(string key) => Metrics.TryGetValue(key, out var value) ? value : double.NaN;
}
