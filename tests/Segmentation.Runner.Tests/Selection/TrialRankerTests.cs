using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Tests.Selection;

public sealed class TrialRankerTests
{
    private static readonly ObjectiveConfig MaxSilhouette = new(MetricNames.Silhouette, ObjectiveDirection.Maximize);

    [Fact]
    public void Rank_Maximize_HighestObjectiveFirst()
    {
        var ranked = TrialRanker.Rank([Trial("a", 3, 0.30), Trial("b", 4, 0.52), Trial("c", 5, 0.41)], MaxSilhouette, ConstraintsConfig.None);

        Assert.Equal(["b", "c", "a"], ranked.Select(r => r.Trial.RunName));
        Assert.Equal([1, 2, 3], ranked.Select(r => r.Rank));
        Assert.All(ranked, r => Assert.True(r.Eligible));
    }

    [Fact]
    public void Rank_Minimize_LowestObjectiveFirst()
    {
        var objective = new ObjectiveConfig(MetricNames.DaviesBouldin, ObjectiveDirection.Minimize);
        var trials = new[]
        {
            Trial("a", 3, 0.3, extra: (MetricNames.DaviesBouldin, 0.9)),
            Trial("b", 4, 0.3, extra: (MetricNames.DaviesBouldin, 0.6)),
            Trial("c", 5, 0.3, extra: (MetricNames.DaviesBouldin, 1.4)),
        };

        var ranked = TrialRanker.Rank(trials, objective, ConstraintsConfig.None);

        Assert.Equal(["b", "a", "c"], ranked.Select(r => r.Trial.RunName));
        Assert.Equal(0.6, ranked[0].Objective);
    }

    [Fact]
    public void Rank_TiedObjective_SmallerKThenTrialHashThenRunIdWin_WhateverTheInputOrder()
    {
        var trials = new[]
        {
            Trial("k5", 5, 0.5, hash: "aaa"),
            Trial("k4-hash-b", 4, 0.5, hash: "bbb"),
            Trial("k4-hash-a", 4, 0.5, hash: "abc"),
            Trial("k4-no-hash", 4, 0.5, hash: null),
        };
        var expected = new[] { "k4-hash-a", "k4-hash-b", "k4-no-hash", "k5" };

        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var shuffled = trials.OrderBy(_ => random.Next()).ToList();
            var ranked = TrialRanker.Rank(shuffled, MaxSilhouette, ConstraintsConfig.None);
            Assert.Equal(expected, ranked.Select(r => r.Trial.RunName));
        }
    }

    [Fact]
    public void Rank_ConstraintsViolated_IneligibleAfterEligibleWithReasons()
    {
        var constraints = new ConstraintsConfig(MinK: 3, MaxK: null, MinClusterFraction: 0.05, MaxClusterFraction: null, MaxNoiseFraction: 0.1);
        var trials = new[]
        {
            Trial("too-few-clusters", 2, 0.80),
            Trial("tiny-cluster", 6, 0.70, extra: (MetricNames.MinClusterFraction, 0.01)),
            Trial("noisy", 4, 0.65, extra: (MetricNames.NoiseFraction, 0.3)),
            Trial("ok", 4, 0.40),
        };

        var ranked = TrialRanker.Rank(trials, MaxSilhouette, constraints);

        Assert.Equal("ok", ranked[0].Trial.RunName);
        Assert.True(ranked[0].Eligible);
        Assert.Equal(["too-few-clusters", "tiny-cluster", "noisy"], ranked.Skip(1).Select(r => r.Trial.RunName));
        Assert.All(ranked.Skip(1), r => Assert.False(r.Eligible));
        Assert.Contains("min_k", ranked[1].Violations.Single(), StringComparison.Ordinal);
        Assert.Contains("min_cluster_fraction", ranked[2].Violations.Single(), StringComparison.Ordinal);
        Assert.Contains("max_noise_fraction", ranked[3].Violations.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_ObjectiveMissingOrNaN_IneligibleAndLast()
    {
        var missing = new TrialRun("r-missing", "missing", "h1", KMeansParams(3), new Dictionary<string, double> { [MetricNames.ClusterCount] = 3 }, "file:///a");
        var nan = Trial("nan", 3, double.NaN);
        var ranked = TrialRanker.Rank([missing, nan, Trial("good", 3, -0.2)], MaxSilhouette, ConstraintsConfig.None);

        Assert.Equal("good", ranked[0].Trial.RunName);
        Assert.All(ranked.Skip(1), r =>
        {
            Assert.False(r.Eligible);
            Assert.Null(r.Objective);
            Assert.Contains("objective: metric silhouette is missing", r.Violations);
        });
    }

    [Fact]
    public void Best_NoTrialMeetsConstraints_IsNull()
    {
        var constraints = new ConstraintsConfig(MinK: 10, MaxK: null, MinClusterFraction: null, MaxClusterFraction: null, MaxNoiseFraction: null);
        var ranked = TrialRanker.Rank([Trial("a", 3, 0.5), Trial("b", 4, 0.6)], MaxSilhouette, constraints);
        var selection = new TrialSelection("1", "parent", MaxSilhouette, constraints, ranked);

        Assert.Null(selection.Best);
        Assert.Equal(0, selection.EligibleCount);
        Assert.Equal(2, selection.Leaderboard.Count);
    }

    private static TrialRun Trial(string name, int k, double silhouette, string? hash = "h", params (string Key, double Value)[] extra)
    {
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.Silhouette] = silhouette,
            [MetricNames.ClusterCount] = k,
            [MetricNames.MinClusterFraction] = 0.1,
            [MetricNames.NoiseFraction] = 0,
        };
        foreach (var (key, value) in extra)
        {
            metrics[key] = value;
        }

        return new TrialRun("run-" + name, name, hash == "h" ? "hash-" + name : hash, KMeansParams(k), metrics, "file:///artifacts/" + name);
    }

    private static Dictionary<string, string> KMeansParams(int k) =>
        new() { ["algorithm"] = "kmeans", ["k"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
