namespace Segmentation.Runner.Configuration;

/// <summary>Whether a larger or a smaller objective value is better.</summary>
public enum ObjectiveDirection
{
    /// <summary>Larger is better.</summary>
    Maximize,

    /// <summary>Smaller is better.</summary>
    Minimize,
}
