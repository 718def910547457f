namespace Segmentation.Runner.Planning;

/// <summary>
/// A seeded SplitMix64 stream (Steele, Lea and Flood 2014): the planner's and the tuners' one source of randomness.
/// System.Random's sequence is not a documented contract, so same seed → same plan needs our own generator.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A stream for a 32-bit seed, mixed with a constant so seed 0 does not start at state 0.</summary>
    public static SplitMix64 FromSeed(int seed) => new((ulong)(uint)seed ^ 0x9E37_79B9_7F4A_7C15UL);

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        var z = _state += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count) => (int)(Next() % (ulong)count);

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
