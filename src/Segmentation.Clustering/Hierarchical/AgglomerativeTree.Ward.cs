using System.Numerics;
using System.Numerics.Tensors;
using Segmentation.Clustering.Metrics;
using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Hierarchical;

public sealed partial class AgglomerativeTree
{
    /// <summary>
    /// Ward linkage by nearest-neighbour chain (Murtagh 1983) on cluster centroids. The Lance–Williams update for
    /// Ward on squared Euclidean distances has the closed form Δ(A, B) = |A||B| / (|A| + |B|) · ‖c_A − c_B‖², so the
    /// active clusters are kept as column-major centroids and sizes and each nearest-neighbour search is one SIMD
    /// pass over them: O(n²·d) time, O(n·d) memory, no distance matrix.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AgglomerativeTree BuildWard(Matrix x)
    {
        var n = x.Rows;
        var d = x.Cols;
        var columns = ColumnMajor.From(x);
        var sizes = new double[n];
        Array.Fill(sizes, 1.0);
        var representative = new int[n];
        var position = new int[n];
        for (var i = 0; i < n; i++)
        {
            representative[i] = i;
            position[i] = i;
        }

        var chain = new int[n];
        var chainLength = 0;
        var costs = new double[n];
        var centre = new double[d];
        var rawLeft = new int[n - 1];
        var rawRight = new int[n - 1];
        var rawHeight = new double[n - 1];
        var merged = 0;
        var active = n;
        while (active > 1)
        {
            if (chainLength == 0)
            {
                chain[chainLength++] = representative[0];
            }

            var a = chain[chainLength - 1];
            var pa = position[a];
            for (var f = 0; f < d; f++)
            {
                centre[f] = columns[(f * n) + pa];
            }

            WardCosts(columns, n, sizes, active, centre, sizes[pa], costs);
            costs[pa] = double.PositiveInfinity;
            var nearest = TensorPrimitives.IndexOfMin(costs.AsSpan(0, active));

            // Prefer the previous chain element on a tie, which is what guarantees the chain ends in a reciprocal pair.
            if (chainLength >= 2 && costs[position[chain[chainLength - 2]]] <= costs[nearest])
            {
                nearest = position[chain[chainLength - 2]];
            }

            var c = representative[nearest];
            if (chainLength < 2 || c != chain[chainLength - 2])
            {
                chain[chainLength++] = c;
                continue;
            }

            chainLength -= 2;
            var pb = nearest;
            rawLeft[merged] = a;
            rawRight[merged] = c;
            rawHeight[merged] = Math.Sqrt(2.0 * costs[pb]);
            merged++;

            var total = sizes[pa] + sizes[pb];
            for (var f = 0; f < d; f++)
            {
                columns[(f * n) + pa] = ((sizes[pa] * columns[(f * n) + pa]) + (sizes[pb] * columns[(f * n) + pb])) / total;
            }

            sizes[pa] = total;

            // Swap-remove b so the active clusters stay one contiguous run for the SIMD search.
            var last = active - 1;
            if (pb != last)
            {
                for (var f = 0; f < d; f++)
                {
                    columns[(f * n) + pb] = columns[(f * n) + last];
                }

                sizes[pb] = sizes[last];
                representative[pb] = representative[last];
                position[representative[pb]] = pb;
            }

            active--;
        }

        return Finish(Linkage.Ward, n, rawLeft, rawRight, rawHeight);
    }

    /// <summary>costs[p] = s·s_p / (s + s_p) · ‖centre − c_p‖² for the first <paramref name="active"/> clusters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WardCosts(double[] columns, int n, double[] sizes, int active, double[] centre, double size, double[] costs)
    {
        var d = centre.Length;
        var width = Vector<double>.Count;
        var columnSpan = columns.AsSpan();
        var sizeVector = new Vector<double>(size);
        var p = 0;
        for (; p <= active - width; p += width)
        {
            var squared = Vector<double>.Zero;
            for (var f = 0; f < d; f++)
            {
                var diff = new Vector<double>(columnSpan.Slice((f * n) + p, width)) - new Vector<double>(centre[f]);
                squared = Vector.FusedMultiplyAdd(diff, diff, squared);
            }

            var other = new Vector<double>(sizes.AsSpan(p, width));
            (squared * (sizeVector * other / (sizeVector + other))).CopyTo(costs.AsSpan(p, width));
        }

        for (; p < active; p++)
        {
            var squared = 0.0;
            for (var f = 0; f < d; f++)
            {
                var diff = columns[(f * n) + p] - centre[f];
                squared = Math.FusedMultiplyAdd(diff, diff, squared);
            }

            costs[p] = squared * (size * sizes[p] / (size + sizes[p]));
        }
    }
}
