using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Segmentation.Clustering.Vectors;

namespace Segmentation.Clustering.Metrics;

/// <summary>
/// Exact silhouette coefficient (Rousseeuw 1987) with Euclidean distances, equal to scikit-learn's silhouette_score
/// and silhouette_samples: s = (b − a) / max(a, b), a the mean distance to the other members of the own cluster,
/// b the smallest mean distance to another cluster; 0 for a member of a singleton cluster (and where a = b = 0).
/// </summary>
/// <remarks>
/// Points labelled −1 (noise, e.g. from DBSCAN) are left out entirely: they are neither scored nor counted as a
/// cluster, so the result equals scikit-learn's score on the non-noise rows. O(n²·d) time and O(n·d) memory; each
/// sample's value is computed independently and the mean is summed in row order, so the result does not depend on
/// the degree of parallelism.
/// </remarks>
public static class Silhouette
{
    /// <summary>The on-the-fly kernel reads whole groups of this many columns, then the remaining ones one by one.</summary>
    private const int ColumnGroup = 4;

    /// <summary>Up to this many columns the broadcast point lives on the stack (64 × 64 bytes at 512 bits).</summary>
    private const int MaxStackColumns = 64;

    /// <summary>Fixed chunk count of the cached path: part of the summation order, so it must not follow the core count.</summary>
    private const int CacheChunks = 8;

    /// <summary>Above this many doubles of chunk buffers (huge k), the cached path sums in one chunk.</summary>
    private const long MaxChunkBufferDoubles = 1L << 25;

    /// <summary>Silhouette of <paramref name="labels"/> on <paramref name="x"/>, distances computed on the fly.</summary>
    /// <exception cref="ArgumentException">NaN/∞, a label count mismatch, a label below −1, or not 2 &lt;= clusters &lt;= samples − 1.</exception>
    public static SilhouetteResult Compute(Matrix x, ReadOnlySpan<int> labels, SilhouetteOptions? options = null) =>
        Compute(x, labels, options ?? SilhouetteOptions.Default, Vector512.IsHardwareAccelerated);

    /// <summary>
    /// <see cref="Compute(Matrix, ReadOnlySpan{int}, SilhouetteOptions?)"/> with the vector width chosen by the caller,
    /// so tests cover the <c>Vector&lt;double&gt;</c> kernel on machines that would take the 512-bit one.
    /// </summary>
    internal static SilhouetteResult Compute(Matrix x, ReadOnlySpan<int> labels, SilhouetteOptions options, bool wide)
    {
        options.Validate();
        InputChecks.Matrix(x, nameof(x));
        InputChecks.LabelCount(labels.Length, x.Rows, nameof(labels));
        var (rows, subsetLabels, set) = Sample(labels, options);
        return Result(rows, subsetLabels, OnTheFly(x, rows, set, options.MaxDegreeOfParallelism, wide));
    }

    /// <summary>Silhouette of <paramref name="labels"/> using precomputed distances (reuse one cache for many labelings).</summary>
    /// <exception cref="ArgumentException">A label count mismatch, a label below −1, or not 2 &lt;= clusters &lt;= samples − 1.</exception>
    public static SilhouetteResult Compute(PairwiseDistances distances, ReadOnlySpan<int> labels, SilhouetteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(distances);
        options ??= SilhouetteOptions.Default;
        options.Validate();
        InputChecks.LabelCount(labels.Length, distances.Count, nameof(labels));
        var (rows, subsetLabels, set) = Sample(labels, options);
        var values = FromCache(distances, rows, set, options.MaxDegreeOfParallelism);
        return Result(rows, subsetLabels, values);
    }

    /// <summary>The rows scored (all, or the seeded sample), their labels, and the checked label set of those rows.</summary>
    private static (int[] Rows, int[] SubsetLabels, LabelSet Set) Sample(ReadOnlySpan<int> labels, SilhouetteOptions options)
    {
        var rows = Select(labels, options);
        var subsetLabels = new int[rows.Length];
        for (var p = 0; p < rows.Length; p++)
        {
            subsetLabels[p] = labels[rows[p]];
        }

        var set = LabelSet.Create(subsetLabels, nameof(labels));
        set.RequireMetricRange(nameof(labels), "the silhouette");
        return (rows, subsetLabels, set);
    }

    /// <summary>Mean silhouette only (see <see cref="Compute(Matrix, ReadOnlySpan{int}, SilhouetteOptions?)"/>).</summary>
    public static double Score(Matrix x, ReadOnlySpan<int> labels, SilhouetteOptions? options = null) =>
        Compute(x, labels, options).Score;

    /// <summary>Mean silhouette only, from cached distances.</summary>
    public static double Score(PairwiseDistances distances, ReadOnlySpan<int> labels, SilhouetteOptions? options = null) =>
        Compute(distances, labels, options).Score;

    /// <summary>The non-noise rows to score: all, or a seeded sample of them, ascending.</summary>
    private static int[] Select(ReadOnlySpan<int> labels, SilhouetteOptions options)
    {
        var kept = new List<int>(labels.Length);
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] != -1)
            {
                kept.Add(i);
            }
        }

        var all = kept.ToArray();
        if (options.SampleSize is not { } size || size >= all.Length)
        {
            return all;
        }

        // Partial Fisher–Yates with a seeded generator: the same seed draws the same subset on any machine.
        var random = new Random(options.Seed);
        for (var p = 0; p < size; p++)
        {
            var q = random.Next(p, all.Length);
            (all[p], all[q]) = (all[q], all[p]);
        }

        var sample = all.AsSpan(0, size).ToArray();
        Array.Sort(sample);
        return sample;
    }

    internal static SilhouetteResult Result(int[] rows, int[] labels, double[] values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return new SilhouetteResult(sum / values.Length, rows, labels, values);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Coefficient(ReadOnlySpan<double> sums, ReadOnlySpan<int> counts, int own)
    {
        if (counts[own] == 1)
        {
            return 0.0;
        }

        var a = sums[own] / (counts[own] - 1);
        var b = double.PositiveInfinity;
        for (var c = 0; c < counts.Length; c++)
        {
            if (c != own)
            {
                b = Math.Min(b, sums[c] / counts[c]);
            }
        }

        var denominator = Math.Max(a, b);
        return denominator == 0 ? 0.0 : (b - a) / denominator;
    }

    /// <summary>
    /// Sorts the points by cluster so each cluster is one contiguous run of a column-major copy, then walks the
    /// cluster-pair blocks (a ≤ b) of the distance matrix once, each pair's distance computed (and its square root
    /// taken) once: it goes to point i's sum for cluster b and to point j's sum for cluster a.
    /// </summary>
    /// <remarks>
    /// Each (point, cluster) sum is written by exactly one block, in a fixed order, so blocks run in parallel and the
    /// result is the same for any degree of parallelism. Half the square roots and 512-bit vectors where available:
    /// on the log-RFM fixture (4,325 × 3, k 2..10, one core, thread CPU time, AMD EPYC with AVX-512) 9.7–10.1 ms per
    /// call with a per-point pass over every cluster before, 3.2–4.0 ms after (k = 10 costs more: more, shorter blocks).
    /// <para>
    /// The correctly rounded square root stays, and it is now the floor. Alone (SquareRootBenchmarks, best of 15, load
    /// 10–16 on 2 cores) 8 lanes of vsqrtpd take 1.9 ns and <c>Avx512F.ReciprocalSqrt14</c> plus two Newton–Raphson
    /// steps 2.5 ns (and not guaranteed correctly rounded); the whole kernel takes 2.3 ns per 8 pairs (4,325 × 3, k = 4,
    /// 2.7 ms per call). In a copy of the kernel (one 4,320 × 3 triangle, best of 7 × 10, load 3–4): vsqrtpd 2.5–2.6 ms,
    /// the Newton root 3.4 ms, the Newton root checked to be the correctly rounded one (vsqrtpd fallback) 6.7–6.9 ms,
    /// half the vectors each way no faster, no root at all 2.2 ms.
    /// </para>
    /// </remarks>
    private static double[] OnTheFly(Matrix x, int[] rows, LabelSet set, int maxDegreeOfParallelism, bool wide)
    {
        var m = rows.Length;
        var k = set.ClusterCount;
        var (start, order, columns) = SortByCluster(x, rows, set);

        // sums[c·m + s]: Σ distances from sorted point s to the members of cluster c, contiguous per cluster so a
        // block's column sums are vector loads and stores. Rented, not allocated: a new array this size (k·m doubles,
        // large-object heap) often lands on pages the GC had given back, and the blocks read each sum before writing
        // it, so every page faulted twice — first onto the shared zero page, then a copy-on-write whose TLB flush
        // interrupts the other core (perf, 99-trial grid: ~30 ms of kernel time in these faults, gone with the pool).
        var sums = ArrayPool<double>.Shared.Rent(k * m);
        try
        {
            Array.Clear(sums, 0, k * m);
            AddBlocks(m, x.Cols, k, start, columns, sums, maxDegreeOfParallelism, wide);
            var values = new double[m];
            var point = new double[k];
            for (var s = 0; s < m; s++)
            {
                for (var c = 0; c < k; c++)
                {
                    point[c] = sums[(c * m) + s];
                }

                var p = order[s];
                values[p] = Coefficient(point, set.Counts, set.Compact[p]);
            }

            return values;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sums);
        }
    }

    /// <summary>
    /// The scored points sorted by cluster: where each cluster's run starts (<c>Start[c]</c>, and <c>Start[k]</c> = m),
    /// the point at each sorted position (<c>Order[s]</c>, an index into <paramref name="rows"/>), and the sorted points
    /// column-major (column f at offset f·m).
    /// </summary>
    internal static (int[] Start, int[] Order, double[] Columns) SortByCluster(Matrix x, int[] rows, LabelSet set)
    {
        var m = rows.Length;
        var k = set.ClusterCount;
        var start = new int[k + 1];
        for (var c = 0; c < k; c++)
        {
            start[c + 1] = start[c] + set.Counts[c];
        }

        var order = new int[m];
        var cursor = (int[])start.Clone();
        for (var p = 0; p < m; p++)
        {
            order[cursor[set.Compact[p]]++] = p;
        }

        var sortedRows = new int[m];
        for (var s = 0; s < m; s++)
        {
            sortedRows[s] = rows[order[s]];
        }

        return (start, order, ColumnMajor.From(x, sortedRows, x.Cols));
    }

    /// <summary>Adds every pair's distance to <paramref name="sums"/> (cleared, k·m, laid out as in <see cref="OnTheFly"/>), cluster-pair block by block.</summary>
    internal static void AddBlocks(int m, int d, int k, int[] start, double[] columns, double[] sums, int maxDegreeOfParallelism, bool wide)
    {
        var blocks = new (int A, int B)[k * (k + 1) / 2];
        var next = 0;
        for (var a = 0; a < k; a++)
        {
            for (var b = a; b < k; b++)
            {
                blocks[next++] = (a, b);
            }
        }

        Parallel.For(
            0,
            blocks.Length,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            block =>
            {
                var (a, b) = blocks[block];
                if (wide)
                {
                    AddBlock<DoubleLanes512, Vector512<double>>(columns, m, d, start, a, b, sums);
                }
                else
                {
                    AddBlock<DoubleLanesVector, Vector<double>>(columns, m, d, start, a, b, sums);
                }
            });
    }

    /// <summary>
    /// Adds the distances of block (a, b), a ≤ b, of the sorted points: for each point i of cluster a, the sum of its
    /// distances to the points j of cluster b (j &gt; i when a = b) goes to <c>sums[b][i]</c>, and each distance also
    /// to <c>sums[a][j]</c>. The vector and the scalar tail compute a distance the same way (differences, fused
    /// squares in column order, one correctly rounded square root), so a pair's distance does not depend on its lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddBlock<TLanes, TVector>(double[] columns, int m, int d, int[] start, int a, int b, double[] sums)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        var width = TLanes.Count;
        ref var column = ref MemoryMarshal.GetArrayDataReference(columns);
        ref var sum = ref MemoryMarshal.GetArrayDataReference(sums);
        Span<TVector> point = d <= MaxStackColumns ? stackalloc TVector[d] : new TVector[d];
        var grouped = d / ColumnGroup * ColumnGroup;
        var rest = d - grouped;
        var toA = a * m;
        var end = start[b + 1];
        for (var i = start[a]; i < start[a + 1]; i++)
        {
            for (var f = 0; f < d; f++)
            {
                point[f] = TLanes.Create(columns[(f * m) + i]);
            }

            var j = a == b ? i + 1 : start[b];

            // Two vectors per step with their own accumulators (a single add chain stalls on the add latency: 3.4 -> 2.6
            // ms for the blocks alone at k = 4) and four columns per inner step (a loop step per column cost more than
            // its arithmetic: 3.3 -> 2.9 ms per call at k = 4), on 4,325 × 3.
            var even = TLanes.Zero;
            var odd = TLanes.Zero;
            for (; j <= end - (2 * width); j += 2 * width)
            {
                var first = TLanes.Zero;
                var second = TLanes.Zero;
                var f = 0;
                for (; f < grouped; f += ColumnGroup)
                {
                    var offset = (f * m) + j;
                    first = AddSquare<TLanes, TVector>(first, TLanes.Load(ref column, offset), point[f]);
                    second = AddSquare<TLanes, TVector>(second, TLanes.Load(ref column, offset + width), point[f]);
                    offset += m;
                    first = AddSquare<TLanes, TVector>(first, TLanes.Load(ref column, offset), point[f + 1]);
                    second = AddSquare<TLanes, TVector>(second, TLanes.Load(ref column, offset + width), point[f + 1]);
                    offset += m;
                    first = AddSquare<TLanes, TVector>(first, TLanes.Load(ref column, offset), point[f + 2]);
                    second = AddSquare<TLanes, TVector>(second, TLanes.Load(ref column, offset + width), point[f + 2]);
                    offset += m;
                    first = AddSquare<TLanes, TVector>(first, TLanes.Load(ref column, offset), point[f + 3]);
                    second = AddSquare<TLanes, TVector>(second, TLanes.Load(ref column, offset + width), point[f + 3]);
                }

                // The last d mod 4 columns unrolled rather than zero-padded to a group of four: at d = 3 (log-RFM) the
                // padding's load, subtract and FMA per vector were a quarter of the arithmetic (one call, k 2/4/10, best
                // of 40 × 10, load 8–9: 2.96–3.32 -> 2.67–2.99 ms). A zero column adds exactly +0: the same bits.
                if (rest > 0)
                {
                    var offset = (f * m) + j;
                    first = AddSquare<TLanes, TVector>(first, TLanes.Load(ref column, offset), point[f]);
                    second = AddSquare<TLanes, TVector>(second, TLanes.Load(ref column, offset + width), point[f]);
                    if (rest > 1)
                    {
                        offset += m;
                        first = AddSquare<TLanes, TVector>(first, TLanes.Load(ref column, offset), point[f + 1]);
                        second = AddSquare<TLanes, TVector>(second, TLanes.Load(ref column, offset + width), point[f + 1]);
                        if (rest > 2)
                        {
                            offset += m;
                            first = AddSquare<TLanes, TVector>(first, TLanes.Load(ref column, offset), point[f + 2]);
                            second = AddSquare<TLanes, TVector>(second, TLanes.Load(ref column, offset + width), point[f + 2]);
                        }
                    }
                }

                first = TLanes.Sqrt(first);
                second = TLanes.Sqrt(second);
                even = TLanes.Add(even, first);
                odd = TLanes.Add(odd, second);
                TLanes.Store(TLanes.Add(TLanes.Load(ref sum, toA + j), first), ref sum, toA + j);
                TLanes.Store(TLanes.Add(TLanes.Load(ref sum, toA + j + width), second), ref sum, toA + j + width);
            }

            if (j <= end - width)
            {
                var squared = TLanes.Zero;
                for (var f = 0; f < d; f++)
                {
                    squared = AddSquare<TLanes, TVector>(squared, TLanes.Load(ref column, (f * m) + j), point[f]);
                }

                var distance = TLanes.Sqrt(squared);
                even = TLanes.Add(even, distance);
                TLanes.Store(TLanes.Add(TLanes.Load(ref sum, toA + j), distance), ref sum, toA + j);
                j += width;
            }

            var row = TLanes.Sum(TLanes.Add(even, odd));
            for (; j < end; j++)
            {
                var squared = 0.0;
                for (var f = 0; f < d; f++)
                {
                    var diff = columns[(f * m) + j] - columns[(f * m) + i];
                    squared = Math.FusedMultiplyAdd(diff, diff, squared);
                }

                var distance = Math.Sqrt(squared);
                row += distance;
                sums[toA + j] += distance;
            }

            sums[(b * m) + i] += row;
        }
    }

    /// <summary><paramref name="squared"/> + (q − p)², the square fused into the add as in the scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector AddSquare<TLanes, TVector>(TVector squared, TVector q, TVector p)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : unmanaged
    {
        var diff = TLanes.Subtract(q, p);
        return TLanes.FusedMultiplyAdd(diff, diff, squared);
    }

    /// <summary>
    /// Per-sample silhouette from a condensed distance cache. The triangle is streamed once, in order: each pair (i, j)
    /// adds d(i, j) to i's sum for j's cluster and to j's sum for i's cluster. The rows are split into a fixed number
    /// of chunks (independent of the degree of parallelism), each accumulating into its own n × k buffer, and the
    /// buffers are added in chunk order, so the result is the same on any core count.
    /// </summary>
    private static double[] FromCache(PairwiseDistances distances, int[] rows, LabelSet set, int maxDegreeOfParallelism)
    {
        var n = distances.Count;
        var m = rows.Length;
        var k = set.ClusterCount;

        // Compact label per original row, −1 for rows not scored, so the inner loop reads one array.
        var label = new int[n];
        Array.Fill(label, -1);
        for (var p = 0; p < m; p++)
        {
            label[rows[p]] = set.Compact[p];
        }

        var chunks = (long)CacheChunks * n * k <= MaxChunkBufferDoubles ? CacheChunks : 1;
        var bounds = ChunkBounds(n, chunks);
        var buffers = new double[chunks][];
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
            {
                var sums = new double[n * k];
                var condensed = distances.Condensed;
                for (var i = bounds[chunk]; i < bounds[chunk + 1]; i++)
                {
                    var li = label[i];
                    if (li < 0)
                    {
                        continue;
                    }

                    var own = sums.AsSpan(i * k, k);
                    var row = condensed.Slice((int)PairwiseDistances.RowStart(i, n), n - 1 - i);
                    for (var t = 0; t < row.Length; t++)
                    {
                        var j = i + 1 + t;
                        var c = label[j];
                        if (c >= 0)
                        {
                            own[c] += row[t];
                            sums[(j * k) + li] += row[t];
                        }
                    }
                }

                buffers[chunk] = sums;
            });

        var total = buffers[0];
        for (var chunk = 1; chunk < chunks; chunk++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(total, buffers[chunk], total);
        }

        var values = new double[m];
        for (var p = 0; p < m; p++)
        {
            values[p] = Coefficient(total.AsSpan(rows[p] * k, k), set.Counts, set.Compact[p]);
        }

        return values;
    }

    /// <summary>Row ranges holding about equal numbers of pairs (row i holds n − 1 − i).</summary>
    private static int[] ChunkBounds(int n, int chunks)
    {
        var bounds = new int[chunks + 1];
        var totalPairs = (double)n * (n - 1) / 2;
        var row = 0;
        var done = 0.0;
        for (var c = 1; c < chunks; c++)
        {
            while (row < n && done < totalPairs * c / chunks)
            {
                done += n - 1 - row;
                row++;
            }

            bounds[c] = row;
        }

        bounds[chunks] = n;
        return bounds;
    }
}
