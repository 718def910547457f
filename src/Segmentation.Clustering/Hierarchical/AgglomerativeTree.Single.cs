using System.Numerics;
using System.Numerics.Tensors;
using Segmentation.Clustering.Metrics;
using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Hierarchical;

public sealed partial class AgglomerativeTree
{
    /// <summary>
    /// Single linkage from a minimum spanning tree (Prim's algorithm, O(n²·d), distances computed on the fly): the
    /// single-linkage merges are the MST edges in ascending order of length (Gower &amp; Ross 1969).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AgglomerativeTree BuildSingle(Matrix x)
    {
        var n = x.Rows;
        var d = x.Cols;

        // Column-major copy of the points not yet in the tree, compacted by swap-remove so each update is one SIMD pass.
        var columns = ColumnMajor.From(x);
        var stride = n;
        var point = new double[d];
        var remaining = new int[n];
        var best = new double[n];
        var from = new int[n];
        var squared = new double[n];
        for (var p = 0; p < n; p++)
        {
            remaining[p] = p;
            best[p] = double.PositiveInfinity;
        }

        var rawLeft = new int[n - 1];
        var rawRight = new int[n - 1];
        var rawHeight = new double[n - 1];

        // Start from point 0: move it out of the remaining run.
        var current = 0;
        var count = n;
        RemoveAt(0);
        while (count > 0)
        {
            SquaredDistances(columns, stride, count, point, squared);
            for (var p = 0; p < count; p++)
            {
                if (squared[p] < best[p])
                {
                    best[p] = squared[p];
                    from[p] = current;
                }
            }

            var nearest = TensorPrimitives.IndexOfMin(best.AsSpan(0, count));
            var edge = n - 1 - count;
            rawLeft[edge] = from[nearest];
            rawRight[edge] = remaining[nearest];
            rawHeight[edge] = Math.Sqrt(best[nearest]);
            current = remaining[nearest];
            RemoveAt(nearest);
        }

        return Finish(Linkage.Single, n, rawLeft, rawRight, rawHeight);

        // Makes the point at position p current (copies its coordinates) and moves the last remaining point into p.
        void RemoveAt(int p)
        {
            for (var f = 0; f < d; f++)
            {
                point[f] = columns[(f * stride) + p];
            }

            count--;
            if (p != count)
            {
                for (var f = 0; f < d; f++)
                {
                    columns[(f * stride) + p] = columns[(f * stride) + count];
                }

                remaining[p] = remaining[count];
                best[p] = best[count];
                from[p] = from[count];
            }
        }
    }

    /// <summary>squared[p] = ‖point − q_p‖² for the first <paramref name="count"/> column-major points.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SquaredDistances(double[] columns, int stride, int count, double[] point, double[] squared)
    {
        var d = point.Length;
        var width = Vector<double>.Count;
        var columnSpan = columns.AsSpan();
        var p = 0;
        for (; p <= count - width; p += width)
        {
            var sum = Vector<double>.Zero;
            for (var f = 0; f < d; f++)
            {
                var diff = new Vector<double>(columnSpan.Slice((f * stride) + p, width)) - new Vector<double>(point[f]);
                sum = Vector.FusedMultiplyAdd(diff, diff, sum);
            }

            sum.CopyTo(squared.AsSpan(p, width));
        }

        for (; p < count; p++)
        {
            var sum = 0.0;
            for (var f = 0; f < d; f++)
            {
                var diff = columns[(f * stride) + p] - point[f];
                sum = Math.FusedMultiplyAdd(diff, diff, sum);
            }

            squared[p] = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AgglomerativeTree BuildSingle(PairwiseDistances distances)
    {
        var n = distances.Count;
        var condensed = distances.Condensed;
        var remaining = new int[n - 1];
        var best = new double[n - 1];
        var from = new int[n - 1];
        for (var p = 0; p < n - 1; p++)
        {
            remaining[p] = p + 1;
            best[p] = double.PositiveInfinity;
        }

        var rawLeft = new int[n - 1];
        var rawRight = new int[n - 1];
        var rawHeight = new double[n - 1];
        var current = 0;
        for (var count = n - 1; count > 0; count--)
        {
            for (var p = 0; p < count; p++)
            {
                var j = remaining[p];
                var value = current < j
                    ? condensed[(int)(PairwiseDistances.RowStart(current, n) + (j - current - 1))]
                    : condensed[(int)(PairwiseDistances.RowStart(j, n) + (current - j - 1))];
                if (value < best[p])
                {
                    best[p] = value;
                    from[p] = current;
                }
            }

            var nearest = TensorPrimitives.IndexOfMin(best.AsSpan(0, count));
            var edge = n - 1 - count;
            rawLeft[edge] = from[nearest];
            rawRight[edge] = remaining[nearest];
            rawHeight[edge] = best[nearest];
            current = remaining[nearest];
            remaining[nearest] = remaining[count - 1];
            best[nearest] = best[count - 1];
            from[nearest] = from[count - 1];
        }

        return Finish(Linkage.Single, n, rawLeft, rawRight, rawHeight);
    }
}
