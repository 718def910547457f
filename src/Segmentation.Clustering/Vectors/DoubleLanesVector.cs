using System.Numerics;
using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Vectors;

/// <summary><c>Vector&lt;double&gt;</c>: the machine's preferred width, used where 512-bit vectors are not accelerated.</summary>
internal readonly struct DoubleLanesVector : IDoubleLanes<Vector<double>>
{
    // 2⁵² + 1023, exact as a double (see IDoubleLanes.PowerOfTwo).
    private const double ExponentBias = (1L << 52) + 1023;

    // The bits of 2⁵² and of 1.0, and a double's 52 mantissa bits (see IDoubleLanes.Exponent and Significand).
    private const ulong TwoToThe52Bits = 0x4330_0000_0000_0000;
    private const ulong OneBits = 0x3FF0_0000_0000_0000;
    private const ulong MantissaBits = 0x000F_FFFF_FFFF_FFFF;

    public static int Count => Vector<double>.Count;

    public static Vector<double> Zero => Vector<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Create(double value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sequence(double first) => Vector.CreateSequence(first, 1.0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Load(ref double origin, int offset) => Vector.LoadUnsafe(ref origin, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<double> value, ref double origin, int offset) => value.StoreUnsafe(ref origin, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Add(Vector<double> a, Vector<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Subtract(Vector<double> a, Vector<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Multiply(Vector<double> a, Vector<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Divide(Vector<double> a, Vector<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> FusedMultiplyAdd(Vector<double> a, Vector<double> b, Vector<double> c) => Vector.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sqrt(Vector<double> value) => Vector.SquareRoot(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> LessThan(Vector<double> a, Vector<double> b) => Vector.LessThan<double>(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Select(Vector<double> mask, Vector<double> whenTrue, Vector<double> whenFalse) => Vector.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Round(Vector<double> value) => Vector.Round(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exponent(Vector<double> x) =>
        Vector.AsVectorDouble(Vector.ShiftRightLogical(Vector.AsVectorUInt64(x), 52) | new Vector<ulong>(TwoToThe52Bits)) - new Vector<double>(ExponentBias);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Significand(Vector<double> x) =>
        Vector.AsVectorDouble((Vector.AsVectorUInt64(x) & new Vector<ulong>(MantissaBits)) | new Vector<ulong>(OneBits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> PowerOfTwo(Vector<double> n) =>
        Vector.AsVectorDouble(Vector.ShiftLeft(Vector.AsVectorInt64(n + new Vector<double>(ExponentBias)), 52));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Element(Vector<double> value, int lane) => value[lane];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector<double> value) => Vector.Sum(value);
}
