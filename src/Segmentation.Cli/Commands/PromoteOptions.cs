using Segmentation.Core.Errors;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Promotion;
using Segmentation.Tracking.Registry;

namespace Segmentation.Cli.Commands;

/// <summary>The validated values of <c>segment promote</c>: a <see cref="PromotionRequest"/> plus output settings.</summary>
/// <param name="Request">What to promote.</param>
/// <param name="TrackingUri">The <c>--tracking-uri</c> flag, or null to use MLFLOW_TRACKING_URI / the default.</param>
/// <param name="Top">Leaderboard rows to show.</param>
/// <param name="Json">Whether to print JSON instead of the Markdown report.</param>
public sealed record PromoteOptions(PromotionRequest Request, string? TrackingUri, int Top, bool Json)
{
    /// <summary>The alias moved when neither <c>--stage</c> nor <c>--alias</c> is given.</summary>
    public const string DefaultAlias = ModelAliases.Default;

    /// <summary>
    /// Merges the parsed flags with <c>--config</c>: the sweep config supplies the experiment, tracking URI, objective,
    /// constraints, gate and registry target, and each flag given overrides its part. Throws <see cref="UsageException"/>
    /// for what only the combination can tell (no experiment, no gate); a bad config file throws its own located ConfigException.
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
            throw new UsageException("option --experiment is required (or --config naming a sweep config): the MLflow experiment the sweep logged to");
        }

        var objective = Objective(raw, config?.Objective);
        var gate = Gate(raw, objective.Metric, config?.Gate);
        var constraints = config?.Constraints ?? ConstraintsConfig.None;
        constraints = constraints with
        {
            MinK = raw.MinK ?? constraints.MinK,
            MaxK = raw.MaxK ?? constraints.MaxK,
            MinClusterFraction = raw.MinClusterFraction ?? constraints.MinClusterFraction,
            MaxClusterFraction = raw.MaxClusterFraction ?? constraints.MaxClusterFraction,
            MaxNoiseFraction = raw.MaxNoiseFraction ?? constraints.MaxNoiseFraction,
        };
        var request = new PromotionRequest(
            experiment,
            string.IsNullOrWhiteSpace(raw.Parent) ? null : raw.Parent,
            objective,
            constraints,
            gate,
            Target(raw, experiment, config?.Registry))
        {
            SegmentNames = config?.Segments ?? SegmentsConfig.None,
        };

        // The config's tracking URI already carries the flag > environment > file precedence.
        return new PromoteOptions(request, config?.Tracking.Uri ?? raw.TrackingUri, raw.Top, raw.Json);
    }

    private static ObjectiveConfig Objective(PromoteArguments raw, ObjectiveConfig? configured)
    {
        var metric = raw.Metric ?? configured?.Metric ?? MetricNames.Silhouette;
        var direction = raw.Direction switch
        {
            null when raw.Metric is null && configured is not null => configured.Direction,
            null => MetricNames.NaturalDirection(metric),
            "minimize" => ObjectiveDirection.Minimize,
            _ => ObjectiveDirection.Maximize,
        };
        return new ObjectiveConfig(metric, direction);
    }

    private static GateConfig Gate(PromoteArguments raw, string metric, GateConfig? configured)
    {
        // Thresholds on the command line replace the config's gate: the flags state the whole gate for this run.
        var gate = raw.Min is null && raw.Max is null ? configured : new GateConfig([new GateThreshold(metric, raw.Min, raw.Max)]);
        if (gate is null || gate.Thresholds.Count == 0)
        {
            throw new UsageException("the gate needs a threshold: give --min and/or --max for the metric (e.g. --metric silhouette --min 0.35), or a config with a 'gate' section");
        }

        return gate;
    }

    private static RegistryTarget Target(PromoteArguments raw, string experiment, RegistryTarget? configured)
    {
        var stage = raw.Stage is null ? null : ModelStages.PromotionTarget(raw.Stage);
        var alias = raw.Alias;
        if (stage is null && alias is null)
        {
            (stage, alias) = configured is null ? (null, DefaultAlias) : (configured.Stage, configured.Alias);
        }

        return new RegistryTarget(raw.ModelName ?? configured?.ModelName ?? experiment, stage, alias);
    }
}
