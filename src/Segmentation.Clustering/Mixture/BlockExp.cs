using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Clustering.Mixture;

/// <summary>exp of 8 non-positive values at once, for the E-step's shifted log-probabilities (log-sum-exp).</summary>
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

    // fdlibm's split of ln 2: the high part has 32 trailing zero bits, so n·Ln2High is exact for |n| < 2^21.
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;

    /// <summary>e^x per lane for x ≤ 0 (NaN stays NaN; below <see cref="FlushBelow"/>, including −∞, gives 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> NonPositive(Vector512<double> x)
    {
        var n = Vector512.Round(x * Vector512.Create(Log2E));
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);

        // Σ r^j / j! for j ≤ 13, innermost first.
        var p = Vector512.Create(1.0 / 6227020800);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 479001600));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 39916800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 3628800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 362880));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 40320));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 5040));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<double>.One);

        // 2ⁿ for −1022 ≤ n ≤ 0: the biased exponent n + 1023 in bits 52..62 (lanes outside are replaced below).
        var scale = ((Vector512.ConvertToInt64(n) + Vector512.Create(1023L)) << 52).AsDouble();
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(FlushBelow)), Vector512<double>.Zero, p * scale);
    }
}
