namespace Segmentation.Runner.Configuration;

/// <summary>How trials are chosen from the search space.</summary>
public enum StrategyKind
{
    /// <summary>Every combination, in a fixed order.</summary>
    Grid,

    /// <summary>A seeded sample of combinations without replacement.</summary>
    Random,
}
