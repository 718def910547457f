namespace Segmentation.Runner.Promotion;

/// <summary>How a promotion ended.</summary>
public enum PromotionOutcome
{
    /// <summary>The best trial passed the gate and its model version now holds the stage or alias.</summary>
    Promoted,

    /// <summary>The best trial failed the gate; the registry was not touched.</summary>
    GateFailed,

    /// <summary>No finished trial met every constraint; the registry was not touched.</summary>
    NoEligibleTrial,
}
