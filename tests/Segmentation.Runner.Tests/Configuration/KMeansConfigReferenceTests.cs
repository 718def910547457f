using System.Text.Json;
using Segmentation.Runner.Configuration;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;

namespace Segmentation.Runner.Tests.Configuration;

/// <summary>
/// Issue 12 §4: on the shipped customers (the committed feature table), <c>configs/kmeans.yaml</c>'s best eligible trial
/// has 4–8 segments of at least 5 % each, stability ≥ 0.9, passes the config's gate and scores a silhouette no lower than
/// scikit-learn's best under the same constraints (bench/reference/sklearn_best.py, output committed as a fixture).
/// </summary>
public sealed class KMeansConfigReferenceTests : IDisposable
{
    // The reference and this sweep find the same partition; its silhouette summed in another order may differ in the last bits.
    private const double Tolerance = 1e-9;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ShippedKMeansConfig_ReferenceCustomers_BestEligibleTrialMeetsSectionFourAndScikitLearn()
    {
        _dir.Write("configs/kmeans.yaml", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "configs", "kmeans.yaml")));
        using var reference = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Fixture("reference/sklearn_best.json")));
        var root = reference.RootElement;
        var runner = new SweepRunner(OpenBackend, new CsvDataSource(RepositoryPaths.Fixture("reference/customers.csv")), TimeProvider.System);

        var summary = await runner.RunAsync(
            new SweepRequest(new SweepConfigRequest("configs/kmeans.yaml", null, _dir.Path, _ => null), null, null), null, CancellationToken.None);

        var config = SweepConfigLoader.Load(new SweepConfigRequest("configs/kmeans.yaml", null, _dir.Path, _ => null)).Config;
        // The reference must have searched what the config searches, or the comparison means nothing.
        Assert.Equal(config.Search.Features, root.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(config.Search.Scalers, root.GetProperty("scalers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(config.Search.Reductions.Select(r => r.IsPca ? r.Label : "none"), root.GetProperty("reductions").EnumerateArray().Select(e => e.GetString()));
        Assert.True(summary.PlannedTrials >= 80, "the main job stays a full grid of at least 80 trials");
        var best = summary.Leaderboard.Best?.Trial;
        Assert.NotNull(best);
        Assert.InRange(best.K!.Value, 4, 8);
        Assert.True(best.Metric(MetricNames.MinClusterFraction) >= 0.05, best.RunName);
        Assert.True(best.Metric(MetricNames.StabilityAriMean) >= 0.9, best.RunName);
        Assert.Empty(config.Gate.Failures(best.Metrics));
        var sklearn = root.GetProperty("best_eligible").GetProperty("silhouette").GetDouble();
        Assert.True(best.Metric(MetricNames.Silhouette) >= sklearn - Tolerance, $"{best.RunName}: {best.Metric(MetricNames.Silhouette)} < scikit-learn {sklearn}");
    }

    private static ITrackingBackend OpenBackend(TrackingUri uri) => new TrackingStoreFactory(_ => null, TimeProvider.System, "/").Open(uri);
}
