using System.Numerics.Tensors;
using Segmentation.Clustering.Metrics;
using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Hierarchical;

public sealed partial class AgglomerativeTree
{
    /// <summary>Merges between two full patch passes of the nearest-neighbour-chain matrix.</summary>
    private const int PatchWindow = 64;

    /// <summary>
    /// Nearest-neighbour chain (Murtagh 1983) over a private square copy of the distance matrix, updated with the
    /// Lance–Williams formula: complete takes the larger distance, average the size-weighted mean, and Ward works on
    /// squared distances, d(k, a∪b) = ((n_a + n_k)·d(k, a) + (n_b + n_k)·d(k, b) − n_k·d(a, b)) / (n_a + n_b + n_k).
    /// </summary>
    /// <remarks>
    /// The square layout (n² doubles, twice the condensed cache) makes every nearest-neighbour search and every
    /// Lance–Williams row update one contiguous SIMD pass; merged-away slots are set to +∞ so searches need no
    /// active-slot test. Keeping the matrix symmetric would cost a strided column write into every row per merge;
    /// instead each merge's new row is kept as a snapshot and rows are patched from the snapshots just before they
    /// are read, with all rows patched together (row by row, cache-friendly) every <see cref="PatchWindow"/> merges.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AgglomerativeTree BuildFromDistances(PairwiseDistances distances, Linkage linkage)
    {
        var n = distances.Count;
        if ((long)n * n > Array.MaxLength)
        {
            throw new ArgumentException(
                InputChecks.Invariant($"distances has {n} points; the {linkage} tree needs an n x n working matrix, more than one array holds. Use a sample."),
                nameof(distances));
        }

        var matrix = GC.AllocateUninitializedArray<double>(n * n);
        var condensed = distances.Condensed;

        // Square copy in 64 × 64 tiles, so the mirrored (column) writes stay within a few pages at a time.
        const int Tile = 64;
        for (var i = 0; i < n; i++)
        {
            matrix[(i * n) + i] = double.PositiveInfinity;
        }

        for (var rowTile = 0; rowTile < n; rowTile += Tile)
        {
            for (var columnTile = rowTile; columnTile < n; columnTile += Tile)
            {
                var rowEnd = Math.Min(rowTile + Tile, n);
                var columnEnd = Math.Min(columnTile + Tile, n);
                for (var i = rowTile; i < rowEnd; i++)
                {
                    var start = PairwiseDistances.RowStart(i, n) - i - 1;
                    for (var j = Math.Max(columnTile, i + 1); j < columnEnd; j++)
                    {
                        var value = condensed[(int)(start + j)];
                        matrix[(i * n) + j] = value;
                        matrix[(j * n) + i] = value;
                    }
                }
            }
        }

        if (linkage == Linkage.Ward)
        {
            TensorPrimitives.Multiply(matrix, matrix, matrix);
        }

        var sizes = new double[n];
        Array.Fill(sizes, 1.0);
        var isActive = new bool[n];
        Array.Fill(isActive, true);
        var chain = new int[n];
        var chainLength = 0;
        var rawLeft = new int[n - 1];
        var rawRight = new int[n - 1];
        var rawHeight = new double[n - 1];
        var scratch = new double[n];
        var firstActive = 0;

        // Pending merges t: slot pendingA[t] got row snapshot t, slot pendingB[t] died. Row k already reflects
        // the first synced[k] of them.
        var snapshots = new double[PatchWindow * n];
        var pendingA = new int[PatchWindow];
        var pendingB = new int[PatchWindow];
        var pending = 0;
        var synced = new int[n];
        for (var merged = 0; merged < n - 1;)
        {
            if (chainLength == 0)
            {
                while (!isActive[firstActive])
                {
                    firstActive++;
                }

                chain[chainLength++] = firstActive;
            }

            var a = chain[chainLength - 1];
            Sync(a);
            var rowA = matrix.AsSpan(a * n, n);
            var best = TensorPrimitives.IndexOfMin(rowA);

            // Prefer the previous chain element on a tie, which is what guarantees the chain ends in a reciprocal pair.
            if (chainLength >= 2 && rowA[chain[chainLength - 2]] <= rowA[best])
            {
                best = chain[chainLength - 2];
            }

            if (chainLength < 2 || best != chain[chainLength - 2])
            {
                chain[chainLength++] = best;
                continue;
            }

            chainLength -= 2;
            var b = best;
            var between = rowA[b];
            rawLeft[merged] = a;
            rawRight[merged] = b;
            rawHeight[merged] = linkage == Linkage.Ward ? Math.Sqrt(between) : between;
            merged++;

            // The merged cluster lives on in slot a; slot b becomes +∞ everywhere so no search finds it again.
            Sync(b);
            var rowB = matrix.AsSpan(b * n, n);
            var sizeA = sizes[a];
            var sizeB = sizes[b];
            switch (linkage)
            {
                case Linkage.Complete:
                    TensorPrimitives.Max(rowA, rowB, rowA);
                    break;
                case Linkage.Average:
                    TensorPrimitives.Multiply(rowA, sizeA / (sizeA + sizeB), rowA);
                    TensorPrimitives.MultiplyAdd(rowB, sizeB / (sizeA + sizeB), rowA, rowA);
                    break;
                default:
                    // ((n_a + n_k)·d_ka + (n_b + n_k)·d_kb − n_k·d_ab) / (n_a + n_b + n_k), vectorised over k.
                    var sizesSpan = sizes.AsSpan();
                    var total = scratch.AsSpan();
                    TensorPrimitives.Add(sizesSpan, sizeA, total);
                    TensorPrimitives.Multiply(rowA, total, rowA);
                    TensorPrimitives.Add(sizesSpan, sizeB, total);
                    TensorPrimitives.FusedMultiplyAdd(rowB, total, rowA, rowA);
                    TensorPrimitives.Multiply(sizesSpan, between, total);
                    TensorPrimitives.Subtract(rowA, total, rowA);
                    TensorPrimitives.Add(sizesSpan, sizeA + sizeB, total);
                    TensorPrimitives.Divide(rowA, total, rowA);
                    break;
            }

            isActive[b] = false;
            sizes[a] = sizeA + sizeB;

            // The updates above keep +∞ wherever either row had it (merged-away slots, a, b).
            rowA[a] = double.PositiveInfinity;
            rowA.CopyTo(snapshots.AsSpan(pending * n, n));
            pendingA[pending] = a;
            pendingB[pending] = b;
            pending++;
            synced[a] = pending;
            if (pending == PatchWindow)
            {
                for (var k = 0; k < n; k++)
                {
                    if (isActive[k])
                    {
                        Sync(k);
                    }
                }

                pending = 0;
                Array.Clear(synced);
            }
        }

        return Finish(linkage, n, rawLeft, rawRight, rawHeight);

        // Brings row k up to date: column pendingA[t] from snapshot t, column pendingB[t] to +∞, in merge order.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Sync(int k)
        {
            var row = matrix.AsSpan(k * n, n);
            for (var t = synced[k]; t < pending; t++)
            {
                row[pendingA[t]] = snapshots[(t * n) + k];
                row[pendingB[t]] = double.PositiveInfinity;
            }

            synced[k] = pending;
        }
    }
}
