using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Metrics;

/// <summary>
/// Euclidean distances between all pairs of rows of one matrix, computed once and stored condensed
/// (the upper triangle row by row, n(n−1)/2 doubles, as scipy's pdist), so silhouette for many labelings and the
/// agglomerative builder reuse them instead of recomputing.
/// </summary>
/// <remarks>Distance (i, j) with i &lt; j sits at <c>i·n − i(i+1)/2 + (j − i − 1)</c>. The diagonal is 0 and not stored.</remarks>
public sealed class PairwiseDistances
{
    private readonly double[] condensed;

    private PairwiseDistances(double[] condensed, int count)
    {
        this.condensed = condensed;
        Count = count;
    }

    /// <summary>Number of points (rows of the source matrix).</summary>
    public int Count { get; }

    /// <summary>The condensed upper triangle, row by row.</summary>
    public ReadOnlySpan<double> Condensed => condensed;

    /// <summary>Distance between points <paramref name="i"/> and <paramref name="j"/> (0 when equal).</summary>
    public double this[int i, int j]
    {
        get
        {
            if ((uint)i >= (uint)Count || (uint)j >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(
                    (uint)i >= (uint)Count ? nameof(i) : nameof(j),
                    InputChecks.Invariant($"Point indices must be in [0, {Count}); got ({i}, {j})."));
            }

            if (i == j)
            {
                return 0.0;
            }

            return i < j ? condensed[RowStart(i, Count) + (j - i - 1)] : condensed[RowStart(j, Count) + (i - j - 1)];
        }
    }

    /// <summary>Computes all pairwise Euclidean distances of the rows of <paramref name="x"/>, in parallel over rows.</summary>
    /// <param name="x">Finite data, at least 2 rows.</param>
    /// <param name="maxDegreeOfParallelism">−1 for all cores; the result is identical for any value.</param>
    /// <exception cref="ArgumentException">NaN/∞, fewer than 2 rows, or too many rows for one condensed array.</exception>
    public static PairwiseDistances Compute(Matrix x, int maxDegreeOfParallelism = -1)
    {
        InputChecks.Matrix(x, nameof(x));
        var n = x.Rows;
        var length = (long)n * (n - 1) / 2;
        if (length > Array.MaxLength)
        {
            throw new ArgumentException(
                InputChecks.Invariant($"x has {n} rows; the condensed distance matrix would need {length} entries (more than one array holds). Use a sample."),
                nameof(x));
        }

        var condensed = GC.AllocateUninitializedArray<double>((int)length);
        var columns = ColumnMajor.From(x);
        var d = x.Cols;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };

        // Each row segment is written by exactly one iteration, so the result does not depend on scheduling.
        Parallel.For(
            0,
            n - 1,
            options,
            () => new double[n],
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i, _, scratch) =>
            {
                var count = n - 1 - i;
                var target = condensed.AsSpan((int)RowStart(i, n), count);
                var diff = scratch.AsSpan(0, count);
                for (var f = 0; f < d; f++)
                {
                    var column = columns.AsSpan((f * n) + i + 1, count);
                    TensorPrimitives.Subtract(column, columns[(f * n) + i], f == 0 ? target : diff);
                    if (f == 0)
                    {
                        TensorPrimitives.Multiply(target, target, target);
                    }
                    else
                    {
                        TensorPrimitives.FusedMultiplyAdd(diff, diff, target, target);
                    }
                }

                TensorPrimitives.Sqrt(target, target);
                return scratch;
            },
            _ => { });
        return new PairwiseDistances(condensed, n);
    }

    /// <summary>Offset of row <paramref name="i"/>'s first entry (distance to i+1) in the condensed array.</summary>
    internal static long RowStart(int i, int n) => ((long)i * ((2L * n) - i - 1)) / 2;

    /// <summary>The backing array, for internal algorithms that update a private copy.</summary>
    internal double[] CopyCondensed() => (double[])condensed.Clone();
}
