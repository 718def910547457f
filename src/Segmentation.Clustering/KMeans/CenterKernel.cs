using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Clustering.KMeans;

/// <summary>Nearest-centre search vectorised across centres: argmin_j ‖c_j‖² − 2·x·c_j.</summary>
/// <remarks>
/// ‖x‖² is the same for every centre, so dropping it leaves the argmin unchanged; the centre norms are
/// precomputed once per iteration. Centres are stored feature-major and padded to the SIMD width
/// (padding centres have norm +∞, so they never win), letting one vector accumulate several centres per feature.
/// Ties go to the lowest index, as numpy's argmin.
/// </remarks>
internal sealed class CenterKernel
{
    private readonly int k;
    private readonly int d;
    private readonly int blocks;
    private readonly double[] scaledTransposed;
    private readonly double[] norms;

    // Lane j holds j: the centre index of each lane of the first block (later blocks add the SIMD width).
    private static readonly Vector<double> laneIndex = LaneIndex();
    private static readonly Vector<double> infinity = new(double.PositiveInfinity);

    public CenterKernel(int k, int d)
    {
        this.k = k;
        this.d = d;
        var width = Vector<double>.Count;
        blocks = (k + width - 1) / width;
        scaledTransposed = new double[d * blocks * width];
        norms = new double[blocks * width];
        norms.AsSpan().Fill(double.PositiveInfinity);
    }

    /// <summary>Loads new centres (k × d, row-major); no allocation.</summary>
    public void Load(ReadOnlySpan<double> centers)
    {
        var width = Vector<double>.Count;
        for (var j = 0; j < k; j++)
        {
            var c = centers.Slice(j * d, d);
            var norm = 0.0;
            for (var f = 0; f < d; f++)
            {
                norm += c[f] * c[f];
                scaledTransposed[(((f * blocks) + (j / width)) * width) + (j % width)] = -2.0 * c[f];
            }

            norms[j] = norm;
        }
    }

    /// <summary>Index of the nearest centre to <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Nearest(ReadOnlySpan<double> x) => NearestTwo(ref MemoryMarshal.GetReference(x), out _, out _);

    /// <summary>
    /// Index of the nearest centre to the row starting at <paramref name="xRef"/> (d values), with the smallest
    /// and second-smallest values of ‖c_j‖² − 2·x·c_j (add ‖x‖² for squared distances).
    /// </summary>
    /// <remarks>
    /// Branch-free: each lane keeps its smallest value, the lowest centre index reaching it and its second-smallest
    /// value across the SIMD blocks; then one horizontal minimum picks the value, the lowest index among the lanes
    /// holding it (so ties go to the lowest index, as numpy's argmin) and the runner-up. This replaced a scalar
    /// loop over the lanes, whose data-dependent branches mispredicted on most rows.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NearestTwo(ref double xRef, out double best, out double second)
    {
        ref var tRef = ref Unsafe.As<double, Vector<double>>(ref MemoryMarshal.GetArrayDataReference(scaledTransposed));
        ref var nRef = ref Unsafe.As<double, Vector<double>>(ref MemoryMarshal.GetArrayDataReference(norms));
        var width = new Vector<double>(Vector<double>.Count);
        var index = laneIndex;
        var bestLanes = new Vector<double>(double.PositiveInfinity);
        var secondLanes = bestLanes;
        var bestIndex = Vector<double>.Zero;
        for (var b = 0; b < blocks; b++)
        {
            var acc = Unsafe.Add(ref nRef, b);
            for (var f = 0; f < d; f++)
            {
                acc += new Vector<double>(Unsafe.Add(ref xRef, f)) * Unsafe.Add(ref tRef, (f * blocks) + b);
            }

            // Strictly less: an equal value in a later block keeps the earlier (lower) index.
            var less = Vector.LessThan(acc, bestLanes);
            secondLanes = Vector.MinNative(secondLanes, Vector.MaxNative(bestLanes, acc));
            bestLanes = Vector.ConditionalSelect(less, acc, bestLanes);
            bestIndex = Vector.ConditionalSelect(less, index, bestIndex);
            index += width;
        }

        best = HorizontalMin(bestLanes);
        var label = HorizontalMin(Vector.ConditionalSelect(Vector.Equals(bestLanes, new Vector<double>(best)), bestIndex, infinity));
        var others = Vector.ConditionalSelect(Vector.Equals(bestIndex, new Vector<double>(label)), infinity, bestLanes);
        second = Math.Min(HorizontalMin(secondLanes), HorizontalMin(others));
        return (int)label;
    }

    /// <summary>Smallest lane (lanes are finite or +∞, so the native min is exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double HorizontalMin(Vector<double> v)
    {
        if (Vector<double>.Count == Vector256<double>.Count)
        {
            return Min(v.AsVector256());
        }

        if (Vector<double>.Count == Vector512<double>.Count)
        {
            var wide = v.AsVector512();
            return Min(Vector256.MinNative(wide.GetLower(), wide.GetUpper()));
        }

        var min = v[0];
        for (var lane = 1; lane < Vector<double>.Count; lane++)
        {
            min = Math.Min(min, v[lane]);
        }

        return min;

        static double Min(Vector256<double> h)
        {
            var q = Vector128.MinNative(h.GetLower(), h.GetUpper());
            return Vector128.MinNative(q, Vector128.Shuffle(q, Vector128.Create(1L, 0L))).ToScalar();
        }
    }

    private static Vector<double> LaneIndex()
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] = lane;
        }

        return new Vector<double>(lanes);
    }

    /// <summary>Squared Euclidean distance, summed in feature order (exact, not the expanded form).</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        // Slicing b checks its length once (it throws if b is shorter than a).
        return SquaredDistance(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b[..a.Length]), a.Length);
    }

    /// <summary>Squared Euclidean distance of <paramref name="length"/> values from two references, summed in feature order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SquaredDistance(ref double a, ref double b, int length)
    {
        var sum = 0.0;
        for (var f = 0; f < length; f++)
        {
            var diff = Unsafe.Add(ref a, f) - Unsafe.Add(ref b, f);
            sum += diff * diff;
        }

        return sum;
    }
}
