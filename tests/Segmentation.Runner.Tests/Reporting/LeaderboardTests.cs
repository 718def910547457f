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
}
