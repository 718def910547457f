using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Segmentation.Clustering.Vectors;

namespace Segmentation.Clustering.Mixture;

/// <summary>The block layout's passes: one vector of points per step (8 with AVX-512, 4 with AVX2), SIMD across points.</summary>
/// <remarks>
/// For d ≤ 4 a per-row SIMD vector is at most half used and every per-row sum is a chain of dependent scalar adds;
/// here each lane is a point, so the E-step's exponentials, the moments and the scatter all run a vector of points
/// per instruction. Sums are kept per lane within a row chunk and reduced lane-wise (a fixed tree) at the chunk's
/// end, then over chunks in chunk order as before: still independent of the thread count, but no longer the
/// row-by-row order of the per-row layout (nor the same tree at another width), so fits differ from it by rounding
/// (~1e-15; tests compare them). Each pass is written once, generic over the lane width (<see cref="IDoubleLanes{TVector}"/>),
/// and specialised per width by the JIT. Padding lanes past the last point have zero responsibilities, so they add nothing.
/// </remarks>
internal sealed partial class GaussianMixtureRun
{
    /// <summary>E-step over rows [<paramref name="start"/>, <paramref name="end"/>) of one chunk; returns the chunk's summed log-likelihood.</summary>
    private double BlockEStep(MixtureParameters p, int start, int end, Span<double> mass, Span<double> sums) =>
        wide
            ? BlockEStep<DoubleLanes512, System.Runtime.Intrinsics.Vector512<double>>(p, start, end, mass, sums)
            : BlockEStep<DoubleLanesVector, System.Numerics.Vector<double>>(p, start, end, mass, sums);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double BlockEStep<TLanes, TVector>(MixtureParameters p, int start, int end, Span<double> mass, Span<double> sums)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        var width = TLanes.Count;
        Span<TVector> logProb = stackalloc TVector[k];
        Span<TVector> moments = stackalloc TVector[k * (d + 1)];
        moments.Clear();
        ref var respRef = ref MemoryMarshal.GetArrayDataReference(resp);
        var lanes = TLanes.Sequence(0);
        var total = 0.0;
        for (var first = start; first < end; first += width)
        {
            p.BlockLogProbabilities<TLanes, TVector>(columns, columnStride, first, logProb);
            var (max, label) = BlockArgMax<TLanes, TVector>(logProb);
            var sum = TLanes.Zero;
            for (var c = 0; c < k; c++)
            {
                var e = BlockExp.NonPositive<TLanes, TVector>(TLanes.Subtract(logProb[c], max));
                logProb[c] = e;
                sum = TLanes.Add(sum, e);
            }

            // Padding lanes (past the last point) get zero responsibilities so that they add nothing to the moments.
            var count = Math.Min(width, end - first);
            var live = TLanes.LessThan(lanes, TLanes.Create(count));
            var inverse = TLanes.Select(live, TLanes.Divide(TLanes.Create(1.0), sum), TLanes.Zero);
            for (var c = 0; c < k; c++)
            {
                TLanes.Store(TLanes.Multiply(logProb[c], inverse), ref respRef, (c * columnStride) + first);
            }

            var logLikelihood = TLanes.Add(max, BlockLog.Positive<TLanes, TVector>(sum));
            for (var lane = 0; lane < count; lane++)
            {
                Labels[first + lane] = (int)TLanes.Element(label, lane);

                // The log-likelihood keeps the per-row order: it is the convergence criterion.
                total += TLanes.Element(logLikelihood, lane);
            }

            AccumulateBlockMoments<TLanes, TVector>(first, moments);
        }

        ReduceBlockMoments<TLanes, TVector>(moments, mass, sums);
        return total;
    }

    /// <summary>Masses and weighted sums of rows [<paramref name="start"/>, <paramref name="end"/>) from the stored responsibilities (after k-means initialisation).</summary>
    private void BlockMoments(int start, int end, Span<double> mass, Span<double> sums)
    {
        if (wide)
        {
            BlockMoments<DoubleLanes512, System.Runtime.Intrinsics.Vector512<double>>(start, end, mass, sums);
        }
        else
        {
            BlockMoments<DoubleLanesVector, System.Numerics.Vector<double>>(start, end, mass, sums);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BlockMoments<TLanes, TVector>(int start, int end, Span<double> mass, Span<double> sums)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        Span<TVector> moments = stackalloc TVector[k * (d + 1)];
        moments.Clear();
        for (var first = start; first < end; first += TLanes.Count)
        {
            AccumulateBlockMoments<TLanes, TVector>(first, moments);
        }

        ReduceBlockMoments<TLanes, TVector>(moments, mass, sums);
    }

    /// <summary>Adds one block's r and r·x per component to per-lane accumulators (component c at c·(d + 1): mass, then d sums).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AccumulateBlockMoments<TLanes, TVector>(int first, Span<TVector> moments)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        ref var column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(columns!), first);
        ref var respRef = ref MemoryMarshal.GetArrayDataReference(resp);
        ref var m = ref MemoryMarshal.GetReference(moments);
        for (var c = 0; c < k; c++)
        {
            var r = TLanes.Load(ref respRef, (c * columnStride) + first);
            ref var component = ref Unsafe.Add(ref m, c * (d + 1));
            component = TLanes.Add(component, r);
            for (var f = 0; f < d; f++)
            {
                ref var moment = ref Unsafe.Add(ref component, 1 + f);
                moment = TLanes.Add(moment, TLanes.Multiply(r, TLanes.Load(ref column, f * columnStride)));
            }
        }
    }

    private void ReduceBlockMoments<TLanes, TVector>(ReadOnlySpan<TVector> moments, Span<double> mass, Span<double> sums)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        for (var c = 0; c < k; c++)
        {
            mass[c] = TLanes.Sum(moments[c * (d + 1)]);
            for (var f = 0; f < d; f++)
            {
                sums[(c * d) + f] = TLanes.Sum(moments[(c * (d + 1)) + 1 + f]);
            }
        }
    }

    /// <summary>Full/tied scatter Σ r·(x − μ)(x − μ)ᵀ of rows [<paramref name="start"/>, <paramref name="end"/>): upper triangle into the padded layout the per-row scatter fills.</summary>
    /// <remarks>
    /// Unrolled for d ≤ 4 with x − μ in registers and a fixed 4×4 accumulator block per component (upper triangle
    /// used): the loop over (a, b) pairs with span indexing was 3-4x slower (33 log-RFM fits, k 2..12: 22% of a
    /// 248 ms round's samples in the scatter before, 7% of a 205 ms round after).
    /// </remarks>
    private void BlockScatter(int start, int end, double[] means, Span<double> scatter)
    {
        if (wide)
        {
            BlockScatter<DoubleLanes512, System.Runtime.Intrinsics.Vector512<double>>(start, end, means, scatter);
        }
        else
        {
            BlockScatter<DoubleLanesVector, System.Numerics.Vector<double>>(start, end, means, scatter);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BlockScatter<TLanes, TVector>(int start, int end, double[] means, Span<double> scatter)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        const int Block = MixtureParameters.MaxBlockFeatures * MixtureParameters.MaxBlockFeatures;
        var full = type == CovarianceType.Full;
        var components = full ? k : 1;
        Span<TVector> acc = stackalloc TVector[components * Block];
        acc.Clear();
        ref var accRef = ref MemoryMarshal.GetReference(acc);
        ref var respRef = ref MemoryMarshal.GetArrayDataReference(resp);
        ref var meanRef = ref MemoryMarshal.GetArrayDataReference(means);
        for (var first = start; first < end; first += TLanes.Count)
        {
            ref var column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(columns!), first);
            var x0 = TLanes.Load(ref column, 0);
            var x1 = d > 1 ? TLanes.Load(ref column, columnStride) : default;
            var x2 = d > 2 ? TLanes.Load(ref column, 2 * columnStride) : default;
            var x3 = d > 3 ? TLanes.Load(ref column, 3 * columnStride) : default;
            for (var c = 0; c < k; c++)
            {
                var r = TLanes.Load(ref respRef, (c * columnStride) + first);
                ref var mean = ref Unsafe.Add(ref meanRef, c * d);
                var e0 = TLanes.Subtract(x0, TLanes.Create(mean));
                var e1 = d > 1 ? TLanes.Subtract(x1, TLanes.Create(Unsafe.Add(ref mean, 1))) : default;
                var e2 = d > 2 ? TLanes.Subtract(x2, TLanes.Create(Unsafe.Add(ref mean, 2))) : default;
                var e3 = d > 3 ? TLanes.Subtract(x3, TLanes.Create(Unsafe.Add(ref mean, 3))) : default;

                // Row a of the block gets (r·e_a)·e_b for b ≥ a: the per-row scatter's product order.
                ref var block = ref Unsafe.Add(ref accRef, full ? c * Block : 0);
                AddRow<TLanes, TVector>(ref block, TLanes.Multiply(r, e0), e0, e1, e2, e3, 0, d);
                if (d > 1)
                {
                    AddRow<TLanes, TVector>(ref Unsafe.Add(ref block, 4), TLanes.Multiply(r, e1), e0, e1, e2, e3, 1, d);
                }

                if (d > 2)
                {
                    AddRow<TLanes, TVector>(ref Unsafe.Add(ref block, 8), TLanes.Multiply(r, e2), e0, e1, e2, e3, 2, d);
                }

                if (d > 3)
                {
                    AddRow<TLanes, TVector>(ref Unsafe.Add(ref block, 12), TLanes.Multiply(r, e3), e0, e1, e2, e3, 3, d);
                }
            }
        }

        for (var c = 0; c < components; c++)
        {
            for (var a = 0; a < d; a++)
            {
                for (var b = a; b < d; b++)
                {
                    scatter[(c * d * paddedWidth) + (a * paddedWidth) + b] = TLanes.Sum(acc[(c * Block) + (a * MixtureParameters.MaxBlockFeatures) + b]);
                }
            }
        }
    }

    /// <summary>row[b] += weighted·e_b for <paramref name="from"/> ≤ b &lt; <paramref name="d"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow<TLanes, TVector>(ref TVector row, TVector weighted, TVector e0, TVector e1, TVector e2, TVector e3, int from, int d)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        if (from == 0)
        {
            row = TLanes.Add(row, TLanes.Multiply(weighted, e0));
        }

        if (from <= 1 && d > 1)
        {
            ref var next = ref Unsafe.Add(ref row, 1);
            next = TLanes.Add(next, TLanes.Multiply(weighted, e1));
        }

        if (from <= 2 && d > 2)
        {
            ref var next = ref Unsafe.Add(ref row, 2);
            next = TLanes.Add(next, TLanes.Multiply(weighted, e2));
        }

        if (d > 3)
        {
            ref var next = ref Unsafe.Add(ref row, 3);
            next = TLanes.Add(next, TLanes.Multiply(weighted, e3));
        }
    }

    /// <summary>Per lane, the largest log-probability and the first component reaching it (as <see cref="GaussianMixtureModel.ArgMax"/>), the component as a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TVector Max, TVector Label) BlockArgMax<TLanes, TVector>(ReadOnlySpan<TVector> logProb)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        var max = logProb[0];
        var label = TLanes.Zero;
        for (var c = 1; c < logProb.Length; c++)
        {
            // Strictly greater, so ties keep the first component, as the scalar ArgMax does.
            var greater = TLanes.LessThan(max, logProb[c]);
            max = TLanes.Select(greater, logProb[c], max);
            label = TLanes.Select(greater, TLanes.Create(c), label);
        }

        return (max, label);
    }

    /// <summary>The data as zero-padded columns for <see cref="MixtureParameters.BlockLogProbabilities{TLanes, TVector}"/>.</summary>
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
