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

    /// <summary>
    /// Validates the raw values; with <c>--config</c> the sweep config supplies the experiment, tracking URI, objective,
    /// constraints, gate and registry target, and each flag given overrides its part. Throws <see cref="ArgumentException"/>
    /// naming the option and what it accepts (a bad config file throws its own located ConfigException).
    /// </summary>
    public static PromoteOptions From(PromoteArguments raw, string workingDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        var config = raw.Config is null
            ? null
            : SweepConfigLoader.Load(new SweepConfigRequest(raw.Config, null, workingDirectory, environment, raw.TrackingUri, raw.Experiment)).Config;

        var experiment = config?.Tracking.ExperimentName ?? raw.Experiment;
        if (string.IsNullOrWhiteSpace(experiment))
        {
            throw new ArgumentException("option --experiment is required (or --config naming a sweep config): the MLflow experiment the sweep logged to");
        }

        var objective = Objective(raw, config?.Objective);
        var gate = Gate(raw, objective.Metric, config?.Gate);
        var constraints = config?.Constraints ?? ConstraintsConfig.None;
        constraints = constraints with
        {
            MinK = Integer("--min-k", raw.MinK, 1, 10_000) ?? constraints.MinK,
            MaxK = Integer("--max-k", raw.MaxK, 1, 10_000) ?? constraints.MaxK,
            MinClusterFraction = Number("--min-cluster-fraction", raw.MinClusterFraction, 0, 1) ?? constraints.MinClusterFraction,
            MaxClusterFraction = Number("--max-cluster-fraction", raw.MaxClusterFraction, 0, 1) ?? constraints.MaxClusterFraction,
            MaxNoiseFraction = Number("--max-noise-fraction", raw.MaxNoiseFraction, 0, 1) ?? constraints.MaxNoiseFraction,
        };
        var request = new PromotionRequest(
            experiment,
            string.IsNullOrWhiteSpace(raw.Parent) ? null : raw.Parent,
            objective,
            constraints,
            gate,
            Target(raw, experiment, config?.Registry));
        var top = Integer("--top", raw.Top, 1, 1000) ?? PromotionReport.DefaultTop;

        // The config's tracking URI already carries the flag > environment > file precedence.
        return new PromoteOptions(request, config?.Tracking.Uri ?? raw.TrackingUri, top, raw.Json);
    }

    private static ObjectiveConfig Objective(PromoteArguments raw, ObjectiveConfig? configured)
    {
        var metric = raw.Metric ?? configured?.Metric ?? MetricNames.Silhouette;
        if (!MetricNames.Scores.Contains(metric))
        {
            throw new ArgumentException($"option --metric: unknown metric '{metric}'; allowed: {string.Join(", ", MetricNames.Scores)}");
        }

        var direction = raw.Direction switch
        {
            null when raw.Metric is null && configured is not null => configured.Direction,
            null => MetricNames.NaturalDirection(metric),
            "maximize" => ObjectiveDirection.Maximize,
            "minimize" => ObjectiveDirection.Minimize,
            _ => throw new ArgumentException($"option --direction: '{raw.Direction}' is not a direction; allowed: maximize, minimize"),
        };
        return new ObjectiveConfig(metric, direction);
    }

    private static GateConfig Gate(PromoteArguments raw, string metric, GateConfig? configured)
    {
        var min = Number("--min", raw.Min, double.NegativeInfinity, double.PositiveInfinity);
        var max = Number("--max", raw.Max, double.NegativeInfinity, double.PositiveInfinity);
        if (min > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"option --max: {max} is below --min {min}"));
        }

        // Thresholds on the command line replace the config's gate: the flags state the whole gate for this run.
        var gate = min is null && max is null ? configured : new GateConfig([new GateThreshold(metric, min, max)]);
        if (gate is null || gate.Thresholds.Count == 0)
        {
            throw new ArgumentException("the gate needs a threshold: give --min and/or --max for the metric (e.g. --metric silhouette --min 0.35), or a config with a 'gate' section");
        }

        return gate;
    }

    private static RegistryTarget Target(PromoteArguments raw, string experiment, RegistryTarget? configured)
    {
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

        var alias = raw.Alias;
        if (stage is null && alias is null)
        {
            (stage, alias) = configured is null ? (null, DefaultAlias) : (configured.Stage, configured.Alias);
        }

        if (alias is not null && (alias.Length == 0 || !alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            throw new ArgumentException($"option --alias: '{alias}' is not a valid alias; expected letters, digits, '_' or '-'");
        }

        return new RegistryTarget(raw.ModelName ?? configured?.ModelName ?? experiment, stage, alias);
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
