namespace Segmentation.Clustering.Vectors;

/// <summary>
/// The SIMD operations of the distance kernels (silhouette sums, Ward's costs) and the mixture's point blocks, implemented once per vector width so
/// each kernel is written once as a generic method that the JIT specialises per width: <see cref="DoubleLanes512"/>
/// where 512-bit vectors are hardware accelerated, <see cref="DoubleLanesVector"/> (<c>Vector&lt;double&gt;</c>)
/// elsewhere. Loads and stores take a reference and an element offset without bounds checks: callers keep
/// <c>offset + Count</c> within the buffer.
/// </summary>
/// <typeparam name="TVector">The vector type of the width.</typeparam>
internal interface IDoubleLanes<TVector>
    where TVector : unmanaged
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(double value);

    /// <summary>Lanes i = 0..Count−1 hold <c>first + i</c> (element indices, exact as doubles up to 2⁵³).</summary>
    static abstract TVector Sequence(double first);

    /// <summary>The <see cref="Count"/> doubles from <c>origin[offset]</c>.</summary>
    static abstract TVector Load(ref double origin, int offset);

    /// <summary>Writes <paramref name="value"/> to the <see cref="Count"/> doubles from <c>origin[offset]</c>.</summary>
    static abstract void Store(TVector value, ref double origin, int offset);

    /// <summary>Lane-wise a + b.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>Lane-wise a − b.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>Lane-wise a · b.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>Lane-wise a / b.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>Lane-wise a · b + c, rounded once (as <see cref="Math.FusedMultiplyAdd"/>).</summary>
    static abstract TVector FusedMultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>Lane-wise square root, correctly rounded (as <see cref="Math.Sqrt"/>).</summary>
    static abstract TVector Sqrt(TVector value);

    /// <summary>All-ones lanes where a &lt; b, zero elsewhere.</summary>
    static abstract TVector LessThan(TVector a, TVector b);

    /// <summary>Lanes of <paramref name="whenTrue"/> where <paramref name="mask"/> is set, else of <paramref name="whenFalse"/>.</summary>
    static abstract TVector Select(TVector mask, TVector whenTrue, TVector whenFalse);

    /// <summary>Lane-wise nearest integer, ties to even (as <see cref="Math.Round(double)"/>).</summary>
    static abstract TVector Round(TVector value);

    /// <summary>Lane-wise unbiased binary exponent e of a positive normal x = m·2ᵉ, m in [1, 2), as a double (exact).</summary>
    /// <remarks>The biased exponent is the top bits of a positive double; ORed into the bits of 2⁵² it becomes 2⁵² + e + 1023.</remarks>
    static abstract TVector Exponent(TVector x);

    /// <summary>Lane-wise significand m in [1, 2) of a positive normal x = m·2ᵉ (exact: x's mantissa bits under exponent 0).</summary>
    static abstract TVector Significand(TVector x);

    /// <summary>
    /// Lane-wise 2ⁿ for integral n in [−1022, 1023], built in the exponent bits (exact); other lanes are unspecified.
    /// </summary>
    /// <remarks>
    /// n + (2⁵² + 1023) is exact and holds the biased exponent n + 1023 in its low mantissa bits; shifted left by 52
    /// they become the exponent of 2ⁿ. The same bits on every width, and no double-to-integer conversion, which AVX2
    /// lacks for 64-bit lanes.
    /// </remarks>
    static abstract TVector PowerOfTwo(TVector n);

    /// <summary>Lane <paramref name="lane"/> of <paramref name="value"/>.</summary>
    static abstract double Element(TVector value, int lane);

    /// <summary>Sum of the lanes.</summary>
    static abstract double Sum(TVector value);
}
