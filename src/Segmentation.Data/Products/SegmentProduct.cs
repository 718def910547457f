using System.Globalization;
using System.Numerics;

namespace Segmentation.Data.Products;

/// <summary>One product of one segment, with the exact counts its lift is computed from.</summary>
/// <param name="Segment">Segment label.</param>
/// <param name="StockCode">The product's stock code.</param>
/// <param name="Description">Its most frequent description, or null.</param>
/// <param name="SegmentCustomersWithProduct">Customers of the segment who bought it (the support).</param>
/// <param name="SegmentCustomers">Customers of the segment.</param>
/// <param name="AllCustomersWithProduct">Training customers who bought it.</param>
/// <param name="AllCustomers">Training customers.</param>
/// <param name="Rank">1-based rank within the segment (highest lift first).</param>
public sealed record SegmentProduct(
    int Segment,
    string StockCode,
    string? Description,
    long SegmentCustomersWithProduct,
    long SegmentCustomers,
    long AllCustomersWithProduct,
    long AllCustomers,
    int Rank)
{
    /// <summary>Decimal places of <see cref="Lift"/>.</summary>
    public const int LiftDecimals = 6;

    /// <summary>Numerator of the exact lift (a/s) ÷ (b/n) = a·n / (s·b).</summary>
    public BigInteger LiftNumerator => (BigInteger)SegmentCustomersWithProduct * AllCustomers;

    /// <summary>Denominator of the exact lift.</summary>
    public BigInteger LiftDenominator => (BigInteger)SegmentCustomers * AllCustomersWithProduct;

    /// <summary>The lift as a decimal string with <see cref="LiftDecimals"/> places, rounded half up from the exact fraction.</summary>
    public string Lift
    {
        get
        {
            // Counts of real tables (up to millions of customers) keep every intermediate of 2·a·n·10⁶ + s·b within a long, so
            // the same integer steps run in longs instead of BigInteger's heap-allocated arithmetic: a sweep formats every
            // trial's top products. (Not Int128: ReadyToRun does not precompile code using it, so it ran as unoptimised JIT code.)
            if (SegmentCustomersWithProduct >= 0 && AllCustomers >= 0 && SegmentCustomers > 0 && AllCustomersWithProduct > 0
                && SegmentCustomersWithProduct <= MaxLongFactor && AllCustomers <= MaxLongFactor
                && SegmentCustomers <= MaxLongFactor && AllCustomersWithProduct <= MaxLongFactor)
            {
                return FormatFraction(SegmentCustomersWithProduct * AllCustomers, SegmentCustomers * AllCustomersWithProduct);
            }

            return FormatFraction(LiftNumerator, LiftDenominator, LiftDecimals);
        }
    }

    // Factors up to 2²¹ (2,097,152) keep a·n and s·b below 2⁴², so 2·a·n·10⁶ + s·b < 2⁶³.
    private const long MaxLongFactor = 1L << 21;

    // FormatFraction's steps in longs, for fractions within MaxLongFactor's bounds, to LiftDecimals places.
    private static string FormatFraction(long numerator, long denominator)
    {
        const long scale = 1_000_000;
        var scaled = ((2 * numerator * scale) + denominator) / (2 * denominator);
        var whole = Math.DivRem(scaled, scale, out var fraction);
        return whole.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A non-negative fraction as a decimal string, rounded half up, computed in integers so no binary rounding enters.</summary>
    public static string FormatFraction(BigInteger numerator, BigInteger denominator, int decimals)
    {
        if (numerator.Sign < 0 || denominator.Sign <= 0 || decimals < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "expected a non-negative numerator, a positive denominator and decimals >= 0");
        }

        var scale = BigInteger.Pow(10, decimals);
        var scaled = ((2 * numerator * scale) + denominator) / (2 * denominator);
        var whole = BigInteger.DivRem(scaled, scale, out var fraction);
        return decimals == 0
            ? whole.ToString(CultureInfo.InvariantCulture)
            : whole.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0');
    }
}
