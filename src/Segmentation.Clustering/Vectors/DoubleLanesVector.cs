using System.Numerics;
using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Vectors;

/// <summary><c>Vector&lt;double&gt;</c>: the machine's preferred width, used where 512-bit vectors are not accelerated.</summary>
internal readonly struct DoubleLanesVector : IDoubleLanes<Vector<double>>
{
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
    public static double Sum(Vector<double> value) => Vector.Sum(value);
}
