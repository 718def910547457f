using System.Globalization;
using Segmentation.Runner.Configuration;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Selection;

/// <summary>
/// A finished trial as every reader sees it — resume, the leaderboard, promotion and exports: the sweep's child run
/// with its identity, params and latest metric values. The one trial record type, so k and the metrics are read one way.
/// </summary>
/// <param name="RunId">MLflow run id.</param>
/// <param name="RunName">Readable run name, e.g. <c>kmeans-k5-robust-pca3</c>.</param>
/// <param name="TrialHash">The <c>segmentation.trial_hash</c> tag, or null for a run this tool did not log as a trial.</param>
/// <param name="Params">Logged params.</param>
/// <param name="Metrics">Latest value of each metric.</param>
/// <param name="ArtifactUri">The run's artifact root; the model is its <c>model</c> folder.</param>
public sealed record TrialRun(
    string RunId,
    string RunName,
    string? TrialHash,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> Metrics,
    string ArtifactUri)
{
    /// <summary>The <c>algorithm</c> param, or null when not logged.</summary>
    public string? Algorithm => Params.TryGetValue("algorithm", out var algorithm) ? algorithm : null;

    /// <summary>Cluster count: the <c>n_clusters</c> metric, else the <c>k</c> param; null when neither was logged.</summary>
    /// <remarks>The found count wins over the requested k: DBSCAN has no k param, and a fit may find fewer clusters.</remarks>
    public int? K =>
        Metrics.TryGetValue(MetricNames.ClusterCount, out var found) && double.IsFinite(found) ? (int)Math.Round(found)
        : Params.TryGetValue("k", out var k) && int.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;

    /// <summary>A metric's latest value, NaN when not logged.</summary>
    public double Metric(string key) => Metrics.TryGetValue(key, out var value) ? value : double.NaN;

    /// <summary>Reads a trial from a run; metrics keep their latest value.</summary>
    public static TrialRun FromRun(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var metrics = run.Data.Metrics.ToDictionary(m => m.Key, m => m.Value.Value, StringComparer.Ordinal);
        run.Data.Tags.TryGetValue(SegmentationTags.TrialHash, out var hash);
        return new TrialRun(run.Info.RunId, run.Info.RunName, hash, run.Data.Params, metrics, run.Info.ArtifactUri);
    }
}
