using System.Globalization;
using Segmentation.Runner.Configuration;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Selection;

/// <summary>A finished trial (a sweep's child run) as selection sees it: identity, k and the latest metric values.</summary>
/// <param name="RunId">MLflow run id.</param>
/// <param name="RunName">Readable run name, e.g. <c>kmeans-k5-robust-pca3</c>.</param>
/// <param name="Algorithm">The <c>algorithm</c> param, or null when not logged.</param>
/// <param name="K">Cluster count: the <c>n_clusters</c> metric, else the <c>k</c> param; null when neither was logged.</param>
/// <param name="TrialHash">The <c>segmentation.trial_hash</c> tag, or null.</param>
/// <param name="ArtifactUri">The run's artifact root; the model is its <c>model</c> folder.</param>
/// <param name="Metrics">Latest value of each metric.</param>
public sealed record TrialRun(
    string RunId,
    string RunName,
    string? Algorithm,
    int? K,
    string? TrialHash,
    string ArtifactUri,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The run tag that holds a trial's hash.</summary>
    public const string TrialHashTag = "segmentation.trial_hash";

    /// <summary>Reads a trial from a run; metrics keep their latest value.</summary>
    public static TrialRun FromRun(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var metrics = run.Data.Metrics.ToDictionary(m => m.Key, m => m.Value.Value, StringComparer.Ordinal);
        run.Data.Params.TryGetValue("algorithm", out var algorithm);
        run.Data.Tags.TryGetValue(TrialHashTag, out var hash);
        return new TrialRun(run.Info.RunId, run.Info.RunName, algorithm, ReadK(run, metrics), hash, run.Info.ArtifactUri, metrics);
    }

    // The found cluster count wins over the requested k: DBSCAN has no k param, and a fit may find fewer clusters.
    private static int? ReadK(Run run, Dictionary<string, double> metrics)
    {
        if (metrics.TryGetValue(MetricNames.ClusterCount, out var found) && double.IsFinite(found))
        {
            return (int)Math.Round(found);
        }

        return run.Data.Params.TryGetValue("k", out var k) && int.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }
}
