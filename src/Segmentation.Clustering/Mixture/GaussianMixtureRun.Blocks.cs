using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Segmentation.Clustering.Mixture;

/// <summary>The block layout's passes: 8 points per step, SIMD across points.</summary>
/// <remarks>
/// For d ≤ 4 a per-row SIMD vector is at most half used and every per-row sum is a chain of dependent scalar adds;
/// here each lane is a point, so the E-step's exponentials, the moments and the scatter all run 8 points per
/// instruction. Sums are kept per lane within a row chunk and reduced lane-wise (Vector512.Sum, a fixed tree) at
/// the chunk's end, then over chunks in chunk order as before: still independent of the thread count, but no longer
/// the row-by-row order of the per-row layout, so fits differ from it by rounding (~1e-15; tests compare the two).
/// Padding lanes past the last point have zero responsibilities, so they add nothing.
/// </remarks>
internal sealed partial class GaussianMixtureRun
{
    private const int Width = MixtureParameters.BlockWidth;

    /// <summary>E-step over rows [<paramref name="start"/>, <paramref name="end"/>) of one chunk; returns the chunk's summed log-likelihood.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double BlockEStep(MixtureParameters p, int start, int end, Span<double> mass, Span<double> sums)
    {
        Span<Vector512<double>> logProb = stackalloc Vector512<double>[k];
        Span<Vector512<double>> moments = stackalloc Vector512<double>[k * (d + 1)];
        moments.Clear();
        ref var respRef = ref MemoryMarshal.GetArrayDataReference(resp);
        var total = 0.0;
        for (var first = start; first < end; first += Width)
        {
            p.BlockLogProbabilities(columns, columnStride, first, logProb);
            var (max, label) = BlockArgMax(logProb);
            var sum = Vector512<double>.Zero;
            for (var c = 0; c < k; c++)
            {
                var e = BlockExp.NonPositive(logProb[c] - max);
                logProb[c] = e;
                sum += e;
            }

            // Padding lanes (past the last point) get zero responsibilities so that they add nothing to the moments.
            var count = Math.Min(Width, end - first);
            var live = Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).AsDouble();
            var inverse = (Vector512<double>.One / sum) & live;
            for (var c = 0; c < k; c++)
            {
                (logProb[c] * inverse).StoreUnsafe(ref respRef, (nuint)((c * columnStride) + first));
            }

            var logLikelihood = max + Vector512.Log(sum);
            for (var lane = 0; lane < count; lane++)
            {
                Labels[first + lane] = (int)label[lane];

                // The log-likelihood keeps the per-row order: it is the convergence criterion.
                total += logLikelihood[lane];
            }

            AccumulateBlockMoments(first, moments);
        }

        ReduceBlockMoments(moments, mass, sums);
        return total;
    }

    /// <summary>Masses and weighted sums of rows [<paramref name="start"/>, <paramref name="end"/>) from the stored responsibilities (after k-means initialisation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BlockMoments(int start, int end, Span<double> mass, Span<double> sums)
    {
        Span<Vector512<double>> moments = stackalloc Vector512<double>[k * (d + 1)];
        moments.Clear();
        for (var first = start; first < end; first += Width)
        {
            AccumulateBlockMoments(first, moments);
        }

        ReduceBlockMoments(moments, mass, sums);
    }

    /// <summary>Adds one block's r and r·x per component to per-lane accumulators (component c at c·(d + 1): mass, then d sums).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AccumulateBlockMoments(int first, Span<Vector512<double>> moments)
    {
        ref var column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(columns!), first);
        ref var respRef = ref MemoryMarshal.GetArrayDataReference(resp);
        ref var m = ref MemoryMarshal.GetReference(moments);
        for (var c = 0; c < k; c++)
        {
            var r = Vector512.LoadUnsafe(ref respRef, (nuint)((c * columnStride) + first));
            ref var component = ref Unsafe.Add(ref m, c * (d + 1));
            component += r;
            for (var f = 0; f < d; f++)
            {
                Unsafe.Add(ref component, 1 + f) += r * Vector512.LoadUnsafe(ref column, (nuint)(f * columnStride));
            }
        }
    }

    private void ReduceBlockMoments(ReadOnlySpan<Vector512<double>> moments, Span<double> mass, Span<double> sums)
    {
        for (var c = 0; c < k; c++)
        {
            mass[c] = Vector512.Sum(moments[c * (d + 1)]);
            for (var f = 0; f < d; f++)
            {
                sums[(c * d) + f] = Vector512.Sum(moments[(c * (d + 1)) + 1 + f]);
            }
        }
    }

    /// <summary>Full/tied scatter Σ r·(x − μ)(x − μ)ᵀ of rows [<paramref name="start"/>, <paramref name="end"/>): upper triangle into the padded layout the per-row scatter fills.</summary>
    /// <remarks>
    /// Unrolled for d ≤ 4 with x − μ in registers and a fixed 4×4 accumulator block per component (upper triangle
    /// used): the loop over (a, b) pairs with span indexing was 3-4x slower (33 log-RFM fits, k 2..12: 22% of a
    /// 248 ms round's samples in the scatter before, 7% of a 205 ms round after).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BlockScatter(int start, int end, double[] means, Span<double> scatter)
    {
        const int Block = MixtureParameters.MaxBlockFeatures * MixtureParameters.MaxBlockFeatures;
        var full = type == CovarianceType.Full;
        var components = full ? k : 1;
        Span<Vector512<double>> acc = stackalloc Vector512<double>[components * Block];
        acc.Clear();
        ref var accRef = ref MemoryMarshal.GetReference(acc);
        ref var respRef = ref MemoryMarshal.GetArrayDataReference(resp);
        ref var meanRef = ref MemoryMarshal.GetArrayDataReference(means);
        for (var first = start; first < end; first += Width)
        {
            ref var column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(columns!), first);
            var x0 = Vector512.LoadUnsafe(ref column);
            var x1 = d > 1 ? Vector512.LoadUnsafe(ref column, (nuint)columnStride) : default;
            var x2 = d > 2 ? Vector512.LoadUnsafe(ref column, (nuint)(2 * columnStride)) : default;
            var x3 = d > 3 ? Vector512.LoadUnsafe(ref column, (nuint)(3 * columnStride)) : default;
            for (var c = 0; c < k; c++)
            {
                var r = Vector512.LoadUnsafe(ref respRef, (nuint)((c * columnStride) + first));
                ref var mean = ref Unsafe.Add(ref meanRef, c * d);
                var e0 = x0 - Vector512.Create(mean);
                var e1 = d > 1 ? x1 - Vector512.Create(Unsafe.Add(ref mean, 1)) : default;
                var e2 = d > 2 ? x2 - Vector512.Create(Unsafe.Add(ref mean, 2)) : default;
                var e3 = d > 3 ? x3 - Vector512.Create(Unsafe.Add(ref mean, 3)) : default;

                // Row a of the block gets (r·e_a)·e_b for b ≥ a: the per-row scatter's product order.
                ref var block = ref Unsafe.Add(ref accRef, full ? c * Block : 0);
                AddRow(ref block, r * e0, e0, e1, e2, e3, 0, d);
                if (d > 1)
                {
                    AddRow(ref Unsafe.Add(ref block, 4), r * e1, e0, e1, e2, e3, 1, d);
                }

                if (d > 2)
                {
                    AddRow(ref Unsafe.Add(ref block, 8), r * e2, e0, e1, e2, e3, 2, d);
                }

                if (d > 3)
                {
                    AddRow(ref Unsafe.Add(ref block, 12), r * e3, e0, e1, e2, e3, 3, d);
                }
            }
        }

        for (var c = 0; c < components; c++)
        {
            for (var a = 0; a < d; a++)
            {
                for (var b = a; b < d; b++)
                {
                    scatter[(c * d * paddedWidth) + (a * paddedWidth) + b] = Vector512.Sum(acc[(c * Block) + (a * MixtureParameters.MaxBlockFeatures) + b]);
                }
            }
        }
    }

    /// <summary>row[b] += weighted·e_b for <paramref name="from"/> ≤ b &lt; <paramref name="d"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(
        ref Vector512<double> row, Vector512<double> weighted,
        Vector512<double> e0, Vector512<double> e1, Vector512<double> e2, Vector512<double> e3, int from, int d)
    {
        if (from == 0)
        {
            row += weighted * e0;
        }

        if (from <= 1 && d > 1)
        {
            Unsafe.Add(ref row, 1) += weighted * e1;
        }

        if (from <= 2 && d > 2)
        {
            Unsafe.Add(ref row, 2) += weighted * e2;
        }

        if (d > 3)
        {
            Unsafe.Add(ref row, 3) += weighted * e3;
        }
    }

    /// <summary>Per lane, the largest log-probability and the first component reaching it (as <see cref="GaussianMixtureModel.ArgMax"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> Max, Vector512<long> Label) BlockArgMax(ReadOnlySpan<Vector512<double>> logProb)
    {
        var max = logProb[0];
        var label = Vector512<long>.Zero;
        for (var c = 1; c < logProb.Length; c++)
        {
            // Strictly greater, so ties keep the first component, as the scalar ArgMax does.
            var greater = Vector512.GreaterThan(logProb[c], max);
            max = Vector512.ConditionalSelect(greater, logProb[c], max);
            label = Vector512.ConditionalSelect(greater.AsInt64(), Vector512.Create((long)c), label);
        }

        return (max, label);
    }

    /// <summary>The data as zero-padded columns for <see cref="MixtureParameters.BlockLogProbabilities"/>.</summary>
    private double[] ToColumns()
    {
        var result = new double[d * columnStride];
        for (var i = 0; i < n; i++)
        {
            for (var f = 0; f < d; f++)
            {
                result[(f * columnStride) + i] = x.Data[(i * d) + f];
            }
        }

        return result;
    }
}
