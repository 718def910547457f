using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Promotion;

/// <summary>What to promote: which sweep, how to pick its best trial, the gate it must pass and where it goes.</summary>
/// <param name="ExperimentName">The experiment the sweep logged to.</param>
/// <param name="ParentRunId">The sweep's parent run; null selects the latest sweep in the experiment.</param>
/// <param name="Objective">The metric and direction trials are ranked by.</param>
/// <param name="Constraints">Conditions a trial must meet to be eligible.</param>
/// <param name="Gate">Thresholds the best trial must pass; a failing gate leaves the registry untouched.</param>
/// <param name="Target">The registered model and the stage or alias to promote to.</param>
public sealed record PromotionRequest(
    string ExperimentName,
    string? ParentRunId,
    ObjectiveConfig Objective,
    ConstraintsConfig Constraints,
    GateConfig Gate,
    RegistryTarget Target)
{
    /// <summary>How long to wait for a new model version to become READY.</summary>
    /// <value>Five minutes: a local store is READY at once, a server copying artifacts may take a while.</value>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Segment names people chose per model version (<c>segments.names</c>), shown in the version description.</summary>
    public SegmentsConfig SegmentNames { get; init; } = SegmentsConfig.None;

    /// <summary>The request a finished sweep makes when its config sets <c>promote_at_end</c>: its own parent run, objective, constraints, gate and target.</summary>
    /// <exception cref="ArgumentException">The config names no registry target.</exception>
    public static PromotionRequest ForSweep(SweepConfig config, string parentRunId)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(parentRunId);
        var target = config.Registry
            ?? throw new ConfigException("the sweep config has no 'registry' target (model_name and stage or alias); nothing to promote to");
        return new PromotionRequest(config.Tracking.ExperimentName, parentRunId, config.Objective, config.Constraints, config.Gate, target)
        {
            SegmentNames = config.Segments ?? SegmentsConfig.None,
        };
    }
}
