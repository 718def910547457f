using System.Runtime.CompilerServices;
using Segmentation.Clustering.Vectors;

namespace Segmentation.Clustering.Mixture;

/// <summary>exp of a vector of non-positive values (8 lanes with AVX-512, 4 with AVX2), for the E-step's shifted log-probabilities (log-sum-exp).</summary>
/// <remarks>
/// Why not the library's: Vector512.Exp falls back to a slow path for the whole vector when a lane is far below
/// zero (measured: 60× slower per vector with one lane at −800, slower than 8 scalar Math.Exp calls), which a far
/// component's shifted log-probabilities can reach; TensorPrimitives.Exp handles a buffer's remainder differently
/// from its body. This is the textbook reduction: x = n·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite, ln 2 in two
/// parts, fused multiply-adds), e^r by its Taylor series to degree 13 (truncation below 1e-17 relative) in Horner
/// form, times 2ⁿ built in the exponent bits. Every lane takes the same path, so a point's value never depends on
/// its neighbours. Measured on 3.2 million arguments in [−708, 0]: 94% equal to libm's exp bit for bit, the rest
/// 1 ulp apart (tests allow 4), far inside the mixture's 1e-6 parity with scikit-learn.
/// Results below e^−708 (where 2ⁿ would be subnormal) are flushed to 0: a responsibility under 1e-307 vanishes
/// next to the 10·eps every component's mass gets in the M-step.
/// </remarks>
internal static class BlockExp
{
    /// <summary>Below this the result is returned as 0 (e^−708 ≈ 3.3e-308, just above the smallest normal double).</summary>
    public const double FlushBelow = -708;

    private const double Log2E = 1.4426950408889634;

    // fdlibm's split of ln 2: the high part has 32 trailing zero bits, so n·Ln2High is exact for |n| < 2^21 (BlockLog's too).
    internal const double Ln2High = 6.93147180369123816490e-01;
    internal const double Ln2Low = 1.90821492927058770002e-10;

    /// <summary>e^x per lane for x ≤ 0 (NaN stays NaN; below <see cref="FlushBelow"/>, including −∞, gives 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector NonPositive<TLanes, TVector>(TVector x)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        var n = TLanes.Round(TLanes.Multiply(x, TLanes.Create(Log2E)));
        var r = TLanes.FusedMultiplyAdd(n, TLanes.Create(-Ln2High), x);
        r = TLanes.FusedMultiplyAdd(n, TLanes.Create(-Ln2Low), r);

        // Σ r^j / j! for j ≤ 13, innermost first.
        var p = TLanes.Create(1.0 / 6227020800);
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 479001600));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 39916800));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 3628800));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 362880));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 40320));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 5040));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 720));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 120));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 24));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0 / 6));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(0.5));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.0));

        // 2ⁿ for −1022 ≤ n ≤ 0 (lanes outside are replaced below).
        return TLanes.Select(TLanes.LessThan(x, TLanes.Create(FlushBelow)), TLanes.Zero, TLanes.Multiply(p, TLanes.PowerOfTwo(n)));
    }
}
