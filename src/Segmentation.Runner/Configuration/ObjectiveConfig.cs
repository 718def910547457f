using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>The metric a sweep optimises (<c>objective:</c>), e.g. silhouette, maximize.</summary>
/// <param name="Metric">One of <see cref="MetricNames.Scores"/>.</param>
/// <param name="Direction">Maximize or minimize; defaults to the metric's natural direction.</param>
public sealed record ObjectiveConfig(string Metric, ObjectiveDirection Direction)
{
    /// <summary>The default objective: silhouette, maximized.</summary>
    public static ObjectiveConfig Default { get; } = new(MetricNames.Silhouette, ObjectiveDirection.Maximize);

    /// <summary>True when <paramref name="candidate"/> beats <paramref name="incumbent"/> (NaN never wins, equal values do not).</summary>
    public bool IsBetter(double candidate, double incumbent)
    {
        if (double.IsNaN(candidate))
        {
            return false;
        }

        if (double.IsNaN(incumbent))
        {
            return true;
        }

        return Direction == ObjectiveDirection.Maximize ? candidate > incumbent : candidate < incumbent;
    }

    /// <summary>Binds <c>objective: {metric, direction}</c>; absent keys take the defaults.</summary>
    public static ObjectiveConfig Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys("metric", "direction");
        var metric = section.GetChoice("metric", Default.Metric, MetricNames.Scores);
        var natural = MetricNames.NaturalDirection(metric) == ObjectiveDirection.Maximize ? "maximize" : "minimize";
        var direction = section.GetChoice("direction", natural, ["maximize", "minimize"]);
        return new ObjectiveConfig(metric, direction == "maximize" ? ObjectiveDirection.Maximize : ObjectiveDirection.Minimize);
    }
}
