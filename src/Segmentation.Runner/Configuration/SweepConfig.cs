using Segmentation.Core;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>A validated sweep: where it logs, what it searches, how it picks and promotes the best trial.</summary>
/// <param name="Seed">Base random seed of the pipeline (<c>seed</c>); every trial's seed derives from it and the trial's params.</param>
/// <param name="Tracking">Tracking URI and experiment name.</param>
/// <param name="Search">The search space.</param>
/// <param name="Strategy">Grid or random.</param>
/// <param name="Objective">The metric to optimise.</param>
/// <param name="Constraints">Conditions for a trial to be eligible as best.</param>
/// <param name="Registry">Where a promoted model goes, or null when the config names no registry target.</param>
/// <param name="Gate">Thresholds the best trial must pass to be promoted.</param>
/// <param name="PromoteAtEnd">Whether the sweep promotes its best trial through the gate when it finishes.</param>
/// <param name="Stability">Bootstrap stability of the top trials (<c>stability:</c>), or null when the config has no such section.</param>
/// <param name="Segments">Segment name overrides per model version (<c>segments:</c>); null means none.</param>
/// <param name="Products">Products per segment (<c>products:</c>); null means the defaults.</param>
public sealed record SweepConfig(
    int Seed,
    TrackingSettings Tracking,
    SearchSpace Search,
    SearchStrategy Strategy,
    ObjectiveConfig Objective,
    ConstraintsConfig Constraints,
    RegistryTarget? Registry,
    GateConfig Gate,
    bool PromoteAtEnd,
    StabilityConfig? Stability = null,
    SegmentsConfig? Segments = null,
    ProductsConfig? Products = null)
{
    /// <summary>Top-level sections read by the data layer (<c>DataOptions.Bind</c>), validated there.</summary>
    public static IReadOnlyList<string> DataSections { get; } = ["data", "cleaning", "features"];

    /// <summary>Top-level sections other verbs read from params.yaml (<c>monitoring:</c>, <c>segment drift</c>), validated there.</summary>
    public static IReadOnlyList<string> OtherSections { get; } = ["monitoring"];

    /// <summary>Top-level keys this record binds.</summary>
    public static IReadOnlyList<string> SweepSections { get; } =
        ["seed", "tracking", "experiment", "search", "strategy", "objective", "constraints", "registry", "gate", "promote_at_end", "stability", "segments", "products"];

    /// <summary>
    /// Binds and validates the effective (merged) configuration. Unknown keys, wrong types, empty ranges and unknown
    /// algorithms or scalers throw a <see cref="ConfigException"/> naming file, line, key path and allowed values.
    /// </summary>
    public static SweepConfig Bind(ConfigMapping root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.RejectUnknownKeys([.. SweepSections, .. DataSections, .. OtherSections]);
        var search = SearchSpace.Bind(root.GetMapping("search"));
        var registry = RegistryTarget.Bind(root.GetMapping("registry"));
        var promote = root.GetBool("promote_at_end", false);
        if (promote && registry is null)
        {
            throw root.GetScalar("promote_at_end")!.Error("promote_at_end is true but no 'registry' target (model_name and stage or alias) is configured");
        }

        var constraints = ConstraintsConfig.Bind(root.GetMapping("constraints"));
        var stability = root.Has("stability") ? StabilityConfig.Bind(root.GetMapping("stability")) : null;
        if (constraints.MinStability is not null && stability is null)
        {
            throw root.GetMapping("constraints").GetScalar("min_stability")!.Error(
                "min_stability needs stability numbers; add a 'stability: {bootstraps: 20, top: 5}' section");
        }

        return new SweepConfig(
            root.GetInt("seed", RandomSeed.Default, 0),
            TrackingSettings.Bind(root.GetMapping("tracking"), root.GetMapping("experiment")),
            search,
            SearchStrategy.Bind(root.GetMapping("strategy")),
            ObjectiveConfig.Bind(root.GetMapping("objective")),
            constraints,
            registry,
            GateConfig.Bind(root.GetMapping("gate")),
            promote,
            stability,
            root.Has("segments") ? SegmentsConfig.Bind(root.GetMapping("segments")) : null,
            root.Has("products") ? ProductsConfig.Bind(root.GetMapping("products")) : null);
    }
}
