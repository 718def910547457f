using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Clustering.Vectors;

/// <summary>512-bit vectors (AVX-512), used where <see cref="Vector512.IsHardwareAccelerated"/>.</summary>
internal readonly struct DoubleLanes512 : IDoubleLanes<Vector512<double>>
{
    // 2⁵² + 1023, exact as a double (see IDoubleLanes.PowerOfTwo).
    private const double ExponentBias = (1L << 52) + 1023;

    // The bits of 2⁵² and of 1.0, and a double's 52 mantissa bits (see IDoubleLanes.Exponent and Significand).
    private const ulong TwoToThe52Bits = 0x4330_0000_0000_0000;
    private const ulong OneBits = 0x3FF0_0000_0000_0000;
    private const ulong MantissaBits = 0x000F_FFFF_FFFF_FFFF;

    public static int Count => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sequence(double first) => Vector512.CreateSequence(first, 1.0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double origin, int offset) => Vector512.LoadUnsafe(ref origin, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double origin, int offset) => value.StoreUnsafe(ref origin, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> FusedMultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sqrt(Vector512<double> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> mask, Vector512<double> whenTrue, Vector512<double> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Round(Vector512<double> value) => Vector512.Round(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exponent(Vector512<double> x) =>
        (Vector512.ShiftRightLogical(x.AsUInt64(), 52) | Vector512.Create(TwoToThe52Bits)).AsDouble() - Vector512.Create(ExponentBias);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Significand(Vector512<double> x) =>
        ((x.AsUInt64() & Vector512.Create(MantissaBits)) | Vector512.Create(OneBits)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> PowerOfTwo(Vector512<double> n) =>
        Vector512.ShiftLeft((n + Vector512.Create(ExponentBias)).AsInt64(), 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Element(Vector512<double> value, int lane) => value.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> value) => Vector512.Sum(value);
}
