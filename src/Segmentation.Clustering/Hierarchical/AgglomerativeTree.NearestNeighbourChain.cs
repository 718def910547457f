using System.Numerics.Tensors;
using Segmentation.Clustering.Metrics;
using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Hierarchical;

public sealed partial class AgglomerativeTree
{
    /// <summary>
    /// Nearest-neighbour chain (Murtagh 1983) over a private square copy of the distance matrix, updated with the
    /// Lance–Williams formula: complete takes the larger distance, average the size-weighted mean, and Ward works on
    /// squared distances, d(k, a∪b) = ((n_a + n_k)·d(k, a) + (n_b + n_k)·d(k, b) − n_k·d(a, b)) / (n_a + n_b + n_k).
    /// </summary>
    /// <remarks>
    /// The square layout (n² doubles, twice the condensed cache) makes every nearest-neighbour search and every
    /// Lance–Williams row update one contiguous SIMD pass; merged-away slots are set to +∞ so searches need no
    /// active-slot test.
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
        for (var i = 0; i < n; i++)
        {
            matrix[(i * n) + i] = double.PositiveInfinity;
            var row = condensed.Slice((int)PairwiseDistances.RowStart(i, n), n - 1 - i);
            row.CopyTo(matrix.AsSpan((i * n) + i + 1, row.Length));
            for (var t = 0; t < row.Length; t++)
            {
                matrix[((i + 1 + t) * n) + i] = row[t];
            }
        }

        if (linkage == Linkage.Ward)
        {
            TensorPrimitives.Multiply(matrix, matrix, matrix);
        }

        var sizes = new double[n];
        Array.Fill(sizes, 1.0);
        var activeSlots = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            activeSlots.Add(i);
        }

        var isActive = new bool[n];
        Array.Fill(isActive, true);
        var chain = new int[n];
        var chainLength = 0;
        var rawLeft = new int[n - 1];
        var rawRight = new int[n - 1];
        var rawHeight = new double[n - 1];
        var scratch = new double[n];
        var firstActive = 0;
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
            var position = activeSlots.IndexOf(b);
            activeSlots[position] = activeSlots[^1];
            activeSlots.RemoveAt(activeSlots.Count - 1);

            // The updates above keep +∞ wherever either row had it (merged-away slots, a, b), so only the column
            // copies of the active slots need writing to keep the matrix symmetric.
            foreach (var k in activeSlots)
            {
                matrix[(k * n) + a] = rowA[k];
                matrix[(k * n) + b] = double.PositiveInfinity;
            }

            rowA[a] = double.PositiveInfinity;
            rowB.Fill(double.PositiveInfinity);
        }

        return Finish(linkage, n, rawLeft, rawRight, rawHeight);
    }
}
