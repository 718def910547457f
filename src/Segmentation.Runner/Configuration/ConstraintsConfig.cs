using System.Globalization;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>Conditions a trial must meet to be eligible as the best trial (<c>constraints:</c>); null means unconstrained.</summary>
/// <param name="MinK">Fewest clusters (noise excluded).</param>
/// <param name="MaxK">Most clusters.</param>
/// <param name="MinClusterFraction">Smallest cluster's share of customers, in [0, 1].</param>
/// <param name="MaxClusterFraction">Largest cluster's share of customers, in [0, 1].</param>
/// <param name="MaxNoiseFraction">Largest share of noise points (DBSCAN), in [0, 1].</param>
/// <param name="MinStability">
/// Lowest <c>stability_ari_mean</c>, in [-1, 1]; only the top trials get a stability number (<c>stability:</c>), so with
/// this set only they can be the best trial.
/// </param>
public sealed record ConstraintsConfig(int? MinK, int? MaxK, double? MinClusterFraction, double? MaxClusterFraction, double? MaxNoiseFraction, double? MinStability = null)
{
    /// <summary>No constraints.</summary>
    public static ConstraintsConfig None { get; } = new(null, null, null, null, null);

    /// <summary>
    /// The constraints a trial's metrics violate, as readable sentences; empty when it is eligible.
    /// A constrained metric missing from <paramref name="metrics"/> counts as a violation.
    /// </summary>
    public IReadOnlyList<string> Violations(IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var violations = new List<string>();
        Check(violations, metrics, MetricNames.ClusterCount, MinK, atLeast: true, "min_k");
        Check(violations, metrics, MetricNames.ClusterCount, MaxK, atLeast: false, "max_k");
        Check(violations, metrics, MetricNames.MinClusterFraction, MinClusterFraction, atLeast: true, "min_cluster_fraction");
        Check(violations, metrics, MetricNames.MaxClusterFraction, MaxClusterFraction, atLeast: false, "max_cluster_fraction");
        Check(violations, metrics, MetricNames.NoiseFraction, MaxNoiseFraction, atLeast: false, "max_noise_fraction");
        Check(violations, metrics, MetricNames.StabilityAriMean, MinStability, atLeast: true, "min_stability");
        return violations;
    }

    /// <summary>Binds <c>constraints:</c>; every key is optional.</summary>
    public static ConstraintsConfig Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys("min_k", "max_k", "min_cluster_fraction", "max_cluster_fraction", "max_noise_fraction", "min_stability");
        var minK = section.GetScalar("min_k")?.AsInt(1, 10_000);
        var maxK = section.GetScalar("max_k")?.AsInt(1, 10_000);
        if (minK is { } lo && maxK is { } hi && lo > hi)
        {
            throw section.GetScalar("max_k")!.Error(string.Create(CultureInfo.InvariantCulture, $"max_k {hi} is below min_k {lo}; expected max_k >= min_k"));
        }

        return new ConstraintsConfig(
            minK,
            maxK,
            section.GetScalar("min_cluster_fraction")?.AsDouble(0, 1),
            section.GetScalar("max_cluster_fraction")?.AsDouble(0, 1),
            section.GetScalar("max_noise_fraction")?.AsDouble(0, 1),
            section.GetScalar("min_stability")?.AsDouble(-1, 1));
    }

    private static void Check(List<string> violations, IReadOnlyDictionary<string, double> metrics, string metric, double? bound, bool atLeast, string name)
    {
        if (bound is not { } limit)
        {
            return;
        }

        if (!metrics.TryGetValue(metric, out var value) || double.IsNaN(value))
        {
            violations.Add($"{name}: metric {metric} is missing");
            return;
        }

        if (atLeast ? value < limit : value > limit)
        {
            violations.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}: {metric} = {value:G6} is {(atLeast ? "below" : "above")} {limit:G6}"));
        }
    }
}
