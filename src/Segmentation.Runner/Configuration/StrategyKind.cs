namespace Segmentation.Runner.Configuration;

/// <summary>How trials are chosen from the search space.</summary>
public enum StrategyKind
{
    /// <summary>Every combination, in a fixed order.</summary>
    Grid,

    /// <summary>A seeded sample of combinations without replacement.</summary>
    Random,

    /// <summary>Adaptive: the Tree-structured Parzen Estimator proposes each batch from the trials observed so far.</summary>
    Tpe,

    /// <summary>Adaptive: successive halving, candidates fitted on growing seeded subsamples of the customers, the best promoted.</summary>
    Halving,
}
