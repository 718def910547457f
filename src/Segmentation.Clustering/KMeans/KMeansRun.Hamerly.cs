using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segmentation.Clustering.KMeans;

/// <summary>Lloyd's assignment step with Hamerly's bounds (Hamerly 2010, "Making k-means even faster").</summary>
/// <remarks>
/// Each point keeps an upper bound u on the distance to its own centre a and one lower bound l on the distance to
/// every other centre. After the centres move, u grows by a's shift and l shrinks by the largest shift of another
/// centre (triangle inequality). When u &lt; m = max(l, ½ min_{j≠a} ‖c_a − c_j‖) no other centre is nearer, so the
/// full search is skipped; otherwise u is tightened to the exact distance and, if still not below m, the point gets
/// the full search (<see cref="CenterKernel.NearestTwo"/>), which sets both bounds afresh. The labels, and so the
/// centre sums (still accumulated over every row in block order) and the iteration counts, are those of plain Lloyd:
/// a skip also needs m² − u² to exceed <see cref="SkipSlack"/> × (‖x‖² + max_j ‖c_j‖²), a margin far above the
/// rounding error of the expanded form ‖c‖² − 2·x·c that the full search ranks by and of the bounds' own
/// arithmetic, so a skipped point is one whose full search would certainly have returned its current centre.
/// The true gap ‖x − c_j‖² − ‖x − c_a‖² is at least m² − u² in both cases of m (for ½ s: (s − u)² − u² = s(s − 2u)
/// ≥ 2(m² − u²)), which is what makes that margin sufficient.
/// Measured on the sweep grid's KMeans fits (log-RFM, 4,320 × 3, three scalers × k 2..12, n_init 10, one thread):
/// 71 % of the row visits pass the bound test, 14 % more after tightening, 15 % are searched; with the branch-free
/// passes below the 33 fits take ~280 ms of CPU instead of ~830 ms, bit-identical labels, centres and iterations.
/// </remarks>
internal sealed partial class KMeansRun
{
    private readonly double[] rowNorms;
    private readonly double[] upperBound;
    private readonly double[] lowerBound;
    private readonly double[] halfGap;
    private readonly double[] otherShift;
    private readonly int[] pendingRows;
    private bool searchAll;

    /// <summary>
    /// Relative margin of a skip: the expanded-form values carry a rounding error below about 4(d + 2)·2⁻⁵³ × (‖x‖² +
    /// ‖c‖²) and the bounds add a few ulps per iteration since they were last set; (d + 2 + maxIterations)·2⁻⁴⁸ is
    /// several times that sum, and still so small that it costs no measurable skips.
    /// </summary>
    private double SkipSlack(int maxIterations) => (d + 2 + maxIterations) * Math.ScaleB(1.0, -48);

    /// <summary>Forgets the bounds of the previous start: the next assignment searches every row.</summary>
    /// <remarks>The first assignment sets every row's bounds from a full search (the rows' labels are a previous start's).</remarks>
    private void ResetBounds() => searchAll = true;

    private void AssignLloyd(bool withInertia, double slack)
    {
        kernel.Load(centers);
        OtherShifts();
        var maxNorm = 0.0;
        for (var j = 0; j < k; j++)
        {
            var nearest = double.PositiveInfinity;
            for (var other = 0; other < k; other++)
            {
                if (other != j)
                {
                    nearest = Math.Min(nearest, CenterKernel.SquaredDistance(centers.AsSpan(j * d, d), centers.AsSpan(other * d, d)));
                }
            }

            halfGap[j] = 0.5 * Math.Sqrt(nearest);
            var norm = 0.0;
            foreach (var value in centers.AsSpan(j * d, d))
            {
                norm += value * value;
            }

            maxNorm = Math.Max(maxNorm, norm);
        }

        chunks.Run(parallelism, chunk => AssignChunk(chunk, withInertia, slack, maxNorm));
        searchAll = false;
    }

    /// <summary>For each centre j, the largest shift of any other centre: what j's points' lower bounds lose.</summary>
    private void OtherShifts()
    {
        var center = 0;
        for (var j = 1; j < k; j++)
        {
            if (centerShift[j] > centerShift[center])
            {
                center = j;
            }
        }

        var second = 0.0;
        for (var j = 0; j < k; j++)
        {
            if (j != center)
            {
                second = Math.Max(second, centerShift[j]);
            }
        }

        otherShift.AsSpan().Fill(centerShift[center]);
        otherShift[center] = second;
    }

    // Four passes over the block instead of one loop with two data-dependent branches per row: the bound test is taken
    // by about 70 % of the rows and fails unpredictably, and those mispredictions cost more than the arithmetic (the
    // maxima are MaxNative and the lower-bound shift a per-centre load for the same reason: a ternary on doubles
    // compiles to a branch). Pass 1
    // applies the shifts and tests every row, listing the rows that fail (branch-free; the first assignment of a start
    // lists them all); pass 2 tightens their upper
    // bounds to the exact distance and keeps those still failing; pass 3 searches those; pass 4 accumulates the centre
    // sums in row order, as before. Rows are addressed by reference (no per-row span or bounds check).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AssignChunk(int chunk, bool withInertia, double slack, double maxNorm)
    {
        var dim = d;
        int start = chunks.Start(chunk), rows = chunks.End(chunk) - start;
        ref var data = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x.Data), start * dim);
        ref var labels = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Labels), start);
        ref var upper = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(upperBound), start);
        ref var lower = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lowerBound), start);
        ref var norms = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rowNorms), start);
        ref var pending = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pendingRows), start);
        ref var centerRef = ref MemoryMarshal.GetArrayDataReference(centers);
        ref var shifts = ref MemoryMarshal.GetArrayDataReference(centerShift);
        ref var others = ref MemoryMarshal.GetArrayDataReference(otherShift);
        ref var gaps = ref MemoryMarshal.GetArrayDataReference(halfGap);

        var waiting = 0;
        var all = searchAll;
        for (var r = 0; r < (all ? 0 : rows); r++)
        {
            var label = Unsafe.Add(ref labels, r);
            var u = Unsafe.Add(ref upper, r) + Unsafe.Add(ref shifts, label);
            var l = double.MaxNative(Unsafe.Add(ref lower, r) - Unsafe.Add(ref others, label), 0);
            Unsafe.Add(ref upper, r) = u;
            Unsafe.Add(ref lower, r) = l;
            Unsafe.Add(ref pending, waiting) = r;
            waiting += Unsafe.BitCast<bool, byte>(!CanSkip(u, l, Unsafe.Add(ref gaps, label), slack * (Unsafe.Add(ref norms, r) + maxNorm)));
        }

        var searching = 0;
        for (var p = 0; p < waiting; p++)
        {
            var r = Unsafe.Add(ref pending, p);
            var label = Unsafe.Add(ref labels, r);
            var u = Math.Sqrt(CenterKernel.SquaredDistance(ref Unsafe.Add(ref data, r * dim), ref Unsafe.Add(ref centerRef, label * dim), dim));
            Unsafe.Add(ref upper, r) = u;
            Unsafe.Add(ref pending, searching) = r;
            searching += Unsafe.BitCast<bool, byte>(
                !CanSkip(u, Unsafe.Add(ref lower, r), Unsafe.Add(ref gaps, label), slack * (Unsafe.Add(ref norms, r) + maxNorm)));
        }

        if (all)
        {
            for (var r = 0; r < rows; r++)
            {
                Unsafe.Add(ref pending, r) = r;
            }

            searching = rows;
        }

        for (var p = 0; p < searching; p++)
        {
            var r = Unsafe.Add(ref pending, p);
            var norm = Unsafe.Add(ref norms, r);
            Unsafe.Add(ref labels, r) = kernel.NearestTwo(ref Unsafe.Add(ref data, r * dim), out var best, out var second);
            Unsafe.Add(ref upper, r) = Math.Sqrt(Math.Max(best + norm, 0));
            Unsafe.Add(ref lower, r) = Math.Sqrt(Math.Max(second + norm, 0));
        }

        var sums = partialSums.AsSpan(chunk * k * dim, k * dim);
        var chunkCounts = partialCounts.AsSpan(chunk * k, k);
        sums.Clear();
        chunkCounts.Clear();
        ref var sumRef = ref MemoryMarshal.GetReference(sums);
        ref var countRef = ref MemoryMarshal.GetReference(chunkCounts);
        ref var row = ref data;
        for (var r = 0; r < rows; r++, row = ref Unsafe.Add(ref row, dim))
        {
            var label = Unsafe.Add(ref labels, r);
            Unsafe.Add(ref countRef, label)++;
            ref var sum = ref Unsafe.Add(ref sumRef, label * dim);
            for (var f = 0; f < dim; f++)
            {
                Unsafe.Add(ref sum, f) += Unsafe.Add(ref row, f);
            }
        }

        // The inertia trace (a diagnostic) gets its own pass, keeping a test and a spill out of the hot one.
        var inertia = 0.0;
        for (var r = 0; r < (withInertia ? rows : 0); r++)
        {
            inertia += CenterKernel.SquaredDistance(
                ref Unsafe.Add(ref data, r * dim), ref Unsafe.Add(ref centerRef, Unsafe.Add(ref labels, r) * dim), dim);
        }

        partialInertia[chunk] = inertia;
    }

    /// <summary>Whether bounds u, l and half-gap g prove the own centre nearest by more than <paramref name="margin"/> (see the class remarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CanSkip(double u, double l, double gap, double margin)
    {
        var m = double.MaxNative(l, gap);

        // Non-short-circuit &: both comparisons are cheap, and a branch here is what the passes avoid.
        return (u < m) & ((m * m) - (u * u) > margin);
    }
}
