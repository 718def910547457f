using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting;
using Segmentation.Runner.Reporting.Exporters;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Tests.Reporting;

public sealed class LeaderboardTests
{
    [Fact]
    public void Rank_ConstraintViolatedByBestScore_EligibleTrialWinsAndCsvListsViolation()
    {
        var entries = new[]
        {
            Entry("b", "kmeans-k2-standard", 2, 0.60, 0.01),
            Entry("a", "kmeans-k3-standard", 3, 0.40, 0.20),
            Entry("c", "kmeans-k4-standard", 4, 0.40, 0.20),
        };

        var board = Leaderboard.Rank(entries, ObjectiveConfig.Default, new ConstraintsConfig(null, null, 0.05, null, null));

        Assert.Equal(["kmeans-k3-standard", "kmeans-k4-standard", "kmeans-k2-standard"], board.Entries.Select(e => e.Trial.RunName));
        Assert.Equal("a", board.Best!.Trial.RunId);
        var lines = LeaderboardCsvExporter.Csv(board).Split('\n');
        Assert.StartsWith("rank,run_name,run_id,trial_hash,algorithm,k,scaler,reduction,objective,silhouette,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("1,kmeans-k3-standard,a,hash-a,kmeans,3,standard,none,0.4,0.4,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",false,min_cluster_fraction: min_cluster_fraction = 0.01 is below 0.05", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_InputOrderShuffled_SameRanking()
    {
        var entries = Enumerable.Range(2, 6).Select(k => Entry("r" + k.ToString(System.Globalization.CultureInfo.InvariantCulture), "t", k, 0.5, 0.2)).ToList();

        var a = Leaderboard.Rank(entries, ObjectiveConfig.Default, ConstraintsConfig.None);
        var b = Leaderboard.Rank(Enumerable.Reverse(entries), ObjectiveConfig.Default, ConstraintsConfig.None);

        Assert.Equal(a.Entries.Select(e => e.Trial.RunId), b.Entries.Select(e => e.Trial.RunId));
    }

    private static TrialRun Entry(string runId, string name, int k, double silhouette, double minFraction) =>
        new(
            runId,
            name,
            "hash-" + runId,
            new Dictionary<string, string> { ["algorithm"] = "kmeans", ["k"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture), ["scaler"] = "standard", ["reduction"] = "none" },
            new Dictionary<string, double> { ["silhouette"] = silhouette, ["n_clusters"] = k, ["min_cluster_fraction"] = minFraction },
            "file:///artifacts/" + runId);

    [Fact]
    public void Rank_MinStability_OnlyStableCheckedTrialCanBeBest()
    {
        // The top silhouette is unstable and the runner-up was never checked: the stable third trial wins.
        var unstable = Entry("a", "hash-a", 3, 0.6, 0.3) with { Metrics = WithStability(Entry("a", "hash-a", 3, 0.6, 0.3), 0.55, 0.4) };
        var notChecked = Entry("b", "hash-b", 4, 0.5, 0.3);
        var stable = Entry("c", "hash-c", 5, 0.4, 0.3) with { Metrics = WithStability(Entry("c", "hash-c", 5, 0.4, 0.3), 0.93, 0.88) };
        var constraints = new ConstraintsConfig(null, null, null, null, null, MinStability: 0.8);

        var board = Leaderboard.Rank([unstable, notChecked, stable], ObjectiveConfig.Default, constraints);

        Assert.Equal("c", board.Best!.Trial.RunId);
        Assert.Contains(board.Entries, e => e.Trial.RunId == "a" && e.Violations.Single() == "min_stability: stability_ari_mean = 0.55 is below 0.8");
        Assert.Contains(board.Entries, e => e.Trial.RunId == "b" && e.Violations.Single() == "min_stability: metric stability_ari_mean is missing");
    }

    [Fact]
    public void Csv_SegmentQualityColumns_AfterTheClusterFractions()
    {
        var trial = Entry("a", "hash-a", 3, 0.6, 0.3);
        var metrics = WithStability(trial, 0.9, 0.75);
        metrics[MetricNames.LargestSegmentRevenueShare] = 0.61;
        var board = Leaderboard.Rank([trial with { Metrics = metrics }], ObjectiveConfig.Default, ConstraintsConfig.None);

        var lines = LeaderboardCsvExporter.Csv(board).Split('\n');

        Assert.Contains(",noise_fraction,largest_segment_revenue_share,stability_ari_mean,stability_ari_min,eligible,violations", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",0.61,0.9,0.75,true,", lines[1], StringComparison.Ordinal);
    }

    private static Dictionary<string, double> WithStability(TrialRun trial, double mean, double min) =>
        new(trial.Metrics, StringComparer.Ordinal) { [MetricNames.StabilityAriMean] = mean, [MetricNames.StabilityAriMin] = min };
}
