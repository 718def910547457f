using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    public int Nearest(ReadOnlySpan<double> x)
    {
        var t = MemoryMarshal.Cast<double, Vector<double>>(scaledTransposed);
        var n = MemoryMarshal.Cast<double, Vector<double>>(norms);
        ref var xRef = ref MemoryMarshal.GetReference(x);
        ref var tRef = ref MemoryMarshal.GetReference(t);

        // Up to two SIMD blocks (k <= 8 with 256-bit vectors) keep every accumulator in a register.
        if (blocks == 1)
        {
            var acc = n[0];
            for (var f = 0; f < d; f++)
            {
                acc += new Vector<double>(Unsafe.Add(ref xRef, f)) * Unsafe.Add(ref tRef, f);
            }

            return ArgMin(acc, 0, 0, double.PositiveInfinity, out _);
        }

        if (blocks == 2)
        {
            var acc0 = n[0];
            var acc1 = n[1];
            for (var f = 0; f < d; f++)
            {
                var xf = new Vector<double>(Unsafe.Add(ref xRef, f));
                acc0 += xf * Unsafe.Add(ref tRef, 2 * f);
                acc1 += xf * Unsafe.Add(ref tRef, (2 * f) + 1);
            }

            var best0 = ArgMin(acc0, 0, 0, double.PositiveInfinity, out var value0);
            return ArgMin(acc1, Vector<double>.Count, best0, value0, out _);
        }

        var best = 0;
        var bestValue = double.PositiveInfinity;
        for (var b = 0; b < blocks; b++)
        {
            var acc = n[b];
            for (var f = 0; f < d; f++)
            {
                acc += new Vector<double>(Unsafe.Add(ref xRef, f)) * Unsafe.Add(ref tRef, (f * blocks) + b);
            }

            best = ArgMin(acc, b * Vector<double>.Count, best, bestValue, out bestValue);
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ArgMin(Vector<double> values, int offset, int best, double bestValue, out double newBestValue)
    {
        for (var lane = 0; lane < Vector<double>.Count; lane++)
        {
            var v = values.GetElement(lane);
            if (v < bestValue)
            {
                bestValue = v;
                best = offset + lane;
            }
        }

        newBestValue = bestValue;
        return best;
    }

    /// <summary>Squared Euclidean distance, summed in feature order (exact, not the expanded form).</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var f = 0; f < a.Length; f++)
        {
            var diff = a[f] - b[f];
            sum += diff * diff;
        }

        return sum;
    }
}
