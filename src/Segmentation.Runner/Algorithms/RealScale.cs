namespace Segmentation.Runner.Algorithms;

/// <summary>How a search strategy should spread samples over a real range.</summary>
public enum RealScale
{
    /// <summary>Uniformly: equal steps matter equally.</summary>
    Linear,

    /// <summary>Log-uniformly: ratios matter (a radius of 0.01 vs 0.1 as much as 1 vs 10).</summary>
    Log,
}
