using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>The adaptive strategies by kind.</summary>
public static class AdaptiveSearches
{
    /// <summary>The search for <paramref name="config"/>'s strategy over <paramref name="plan"/>'s candidates, or null for grid and random.</summary>
    public static IAdaptiveSearch? Create(SweepPlan plan, SweepConfig config, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Strategy.Kind switch
        {
            StrategyKind.Tpe => new AdaptiveSearch(plan, config, clock),
            StrategyKind.Halving => new SuccessiveHalving(plan, config),
            _ => null,
        };
    }
}
