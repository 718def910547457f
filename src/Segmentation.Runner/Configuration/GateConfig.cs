using System.Globalization;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>The promotion gate (<c>gate:</c>): metric thresholds the best trial must pass before it is promoted.</summary>
/// <remarks>
/// YAML: <c>gate: {silhouette: {min: 0.35}, davies_bouldin: {max: 1.2}}</c>. No thresholds means every model passes.
/// </remarks>
public sealed record GateConfig(IReadOnlyList<GateThreshold> Thresholds)
{
    /// <summary>A gate with no thresholds.</summary>
    public static GateConfig Open { get; } = new([]);

    /// <summary>The thresholds <paramref name="metrics"/> fail, each with the observed value; empty when the gate passes.</summary>
    public IReadOnlyList<string> Failures(IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var failures = new List<string>();
        foreach (var threshold in Thresholds)
        {
            if (!metrics.TryGetValue(threshold.Metric, out var value))
            {
                failures.Add($"{threshold}: metric {threshold.Metric} is missing");
            }
            else if (!threshold.Passes(value))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{threshold}: observed {value:G6}"));
            }
        }

        return failures;
    }

    /// <summary>Binds <c>gate:</c>: one entry per metric, each a mapping with <c>min</c> and/or <c>max</c>.</summary>
    public static GateConfig Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys([.. MetricNames.Scores]);
        var thresholds = new List<GateThreshold>();
        foreach (var (metric, _) in section.Entries)
        {
            var bounds = section.GetMapping(metric);
            bounds.RejectUnknownKeys("min", "max");
            var min = bounds.GetScalar("min")?.AsDouble();
            var max = bounds.GetScalar("max")?.AsDouble();
            if (min is null && max is null)
            {
                throw new ConfigException("expected 'min' and/or 'max'", bounds.Source, bounds.Line, bounds.Column, bounds.Path);
            }

            if (min is { } lo && max is { } hi && lo > hi)
            {
                throw bounds.GetScalar("max")!.Error(string.Create(CultureInfo.InvariantCulture, $"max {hi} is below min {lo}"));
            }

            thresholds.Add(new GateThreshold(metric, min, max));
        }

        return new GateConfig(thresholds);
    }
}
