namespace Segmentation.Core;

/// <summary>The default random seed, stated once: the sweep's base seed, <c>segment cluster --seed</c> and the outlier screen's.</summary>
public static class RandomSeed
{
    /// <summary>The seed used when none is configured. <value>42.</value></summary>
    public const int Default = 42;
}
