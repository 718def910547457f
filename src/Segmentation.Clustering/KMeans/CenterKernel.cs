using System.Numerics;
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
    public int Nearest(ReadOnlySpan<double> x)
    {
        var width = Vector<double>.Count;
        var t = MemoryMarshal.Cast<double, Vector<double>>(scaledTransposed);
        var n = MemoryMarshal.Cast<double, Vector<double>>(norms);
        var best = 0;
        var bestValue = double.PositiveInfinity;
        for (var b = 0; b < blocks; b++)
        {
            var acc = n[b];
            for (var f = 0; f < d; f++)
            {
                acc += new Vector<double>(x[f]) * t[(f * blocks) + b];
            }

            for (var lane = 0; lane < width; lane++)
            {
                var v = acc[lane];
                if (v < bestValue)
                {
                    bestValue = v;
                    best = (b * width) + lane;
                }
            }
        }

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
