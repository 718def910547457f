using System.Globalization;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Promotion;

namespace Segmentation.Cli.Commands;

/// <summary>The validated values of <c>segment promote</c>: a <see cref="PromotionRequest"/> plus output settings.</summary>
/// <param name="Request">What to promote.</param>
/// <param name="TrackingUri">The <c>--tracking-uri</c> flag, or null to use MLFLOW_TRACKING_URI / the default.</param>
/// <param name="Top">Leaderboard rows to show.</param>
/// <param name="Json">Whether to print JSON instead of the Markdown report.</param>
public sealed record PromoteOptions(PromotionRequest Request, string? TrackingUri, int Top, bool Json)
{
    /// <summary>The alias moved when neither <c>--stage</c> nor <c>--alias</c> is given.</summary>
    public const string DefaultAlias = "champion";

    /// <summary>Validates the raw values; throws <see cref="ArgumentException"/> naming the option and what it accepts.</summary>
    public static PromoteOptions From(PromoteArguments raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (string.IsNullOrWhiteSpace(raw.Experiment))
        {
            throw new ArgumentException("option --experiment is required: the MLflow experiment the sweep logged to");
        }

        var metric = raw.Metric ?? MetricNames.Silhouette;
        if (!MetricNames.Scores.Contains(metric))
        {
            throw new ArgumentException($"option --metric: unknown metric '{metric}'; allowed: {string.Join(", ", MetricNames.Scores)}");
        }

        var direction = raw.Direction switch
        {
            null => MetricNames.NaturalDirection(metric),
            "maximize" => ObjectiveDirection.Maximize,
            "minimize" => ObjectiveDirection.Minimize,
            _ => throw new ArgumentException($"option --direction: '{raw.Direction}' is not a direction; allowed: maximize, minimize"),
        };

        var min = Number("--min", raw.Min, double.NegativeInfinity, double.PositiveInfinity);
        var max = Number("--max", raw.Max, double.NegativeInfinity, double.PositiveInfinity);
        if (min is null && max is null)
        {
            throw new ArgumentException("the gate needs a threshold: give --min and/or --max for the metric (e.g. --metric silhouette --min 0.35)");
        }

        if (min > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"option --max: {max} is below --min {min}"));
        }

        if (raw.Stage is not null && raw.Alias is not null)
        {
            throw new ArgumentException("options --stage and --alias exclude each other: promote to a stage or move an alias, not both");
        }

        string? stage = null;
        if (raw.Stage is not null)
        {
            stage = RegistryTarget.Stages.FirstOrDefault(s => string.Equals(s, raw.Stage, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"option --stage: '{raw.Stage}' is not a promotion stage; allowed: {string.Join(", ", RegistryTarget.Stages)}");
        }

        var alias = stage is null ? raw.Alias ?? DefaultAlias : null;
        if (alias is not null && (alias.Length == 0 || !alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            throw new ArgumentException($"option --alias: '{alias}' is not a valid alias; expected letters, digits, '_' or '-'");
        }

        var modelName = raw.ModelName ?? raw.Experiment;
        var constraints = new ConstraintsConfig(
            Integer("--min-k", raw.MinK, 1, 10_000),
            Integer("--max-k", raw.MaxK, 1, 10_000),
            Number("--min-cluster-fraction", raw.MinClusterFraction, 0, 1),
            Number("--max-cluster-fraction", raw.MaxClusterFraction, 0, 1),
            Number("--max-noise-fraction", raw.MaxNoiseFraction, 0, 1));
        var request = new PromotionRequest(
            raw.Experiment,
            string.IsNullOrWhiteSpace(raw.Parent) ? null : raw.Parent,
            new ObjectiveConfig(metric, direction),
            constraints,
            new GateConfig([new GateThreshold(metric, min, max)]),
            new RegistryTarget(modelName, stage, alias));
        var top = Integer("--top", raw.Top, 1, 1000) ?? PromotionReport.DefaultTop;
        return new PromoteOptions(request, raw.TrackingUri, top, raw.Json);
    }

    private static double? Number(string option, string? text, double min, double max)
    {
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new ArgumentException($"option {option}: '{text}' is not a number; expected e.g. 0.35");
        }

        if (value < min || value > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"option {option}: {value} is outside [{min}, {max}]"));
        }

        return value;
    }

    private static int? Integer(string option, string? text, int min, int max)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"option {option}: '{text}' is not a whole number in [{min}, {max}]"));
        }

        return value;
    }
}
