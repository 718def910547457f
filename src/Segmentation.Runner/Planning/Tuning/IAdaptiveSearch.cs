using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>A strategy that decides its trials while the sweep runs (tpe, halving), from the FINISHED runs in the tracking store.</summary>
public interface IAdaptiveSearch
{
    /// <summary>The most trials the search fits, for progress.</summary>
    int Budget { get; }

    /// <summary>Runs the search to its end; cancellation throws and a re-run continues from what finished.</summary>
    Task<SearchStop> RunAsync(SearchHooks hooks, CancellationToken cancellationToken);
}

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
