using System.Numerics;
using System.Runtime.CompilerServices;

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
    private const int BlockSize = 32;

    /// <summary>Fixed chunk count of the cached path: part of the summation order, so it must not follow the core count.</summary>
    private const int CacheChunks = 8;

    /// <summary>Above this many doubles of chunk buffers (huge k), the cached path sums in one chunk.</summary>
    private const long MaxChunkBufferDoubles = 1L << 25;

    /// <summary>Silhouette of <paramref name="labels"/> on <paramref name="x"/>, distances computed on the fly.</summary>
    /// <exception cref="ArgumentException">NaN/∞, a label count mismatch, a label below −1, or not 2 &lt;= clusters &lt;= samples − 1.</exception>
    public static SilhouetteResult Compute(Matrix x, ReadOnlySpan<int> labels, SilhouetteOptions? options = null)
    {
        options ??= SilhouetteOptions.Default;
        options.Validate();
        InputChecks.Matrix(x, nameof(x));
        InputChecks.LabelCount(labels.Length, x.Rows, nameof(labels));
        var (rows, subsetLabels, set) = Sample(labels, options);
        var values = OnTheFly(x, rows, set, options.MaxDegreeOfParallelism);
        return Result(rows, subsetLabels, values);
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

    private static SilhouetteResult Result(int[] rows, int[] labels, double[] values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return new SilhouetteResult(sum / values.Length, rows, labels, values);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Coefficient(ReadOnlySpan<double> sums, ReadOnlySpan<int> counts, int own)
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
    /// Sorts the points by cluster so each cluster is one contiguous run of a column-major copy; the distance sums
    /// to a cluster are then one fused SIMD loop (difference, square, add, square root, accumulate) without
    /// materialising any distance.
    /// </summary>
    private static double[] OnTheFly(Matrix x, int[] rows, LabelSet set, int maxDegreeOfParallelism)
    {
        var m = rows.Length;
        var k = set.ClusterCount;
        var d = x.Cols;
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

        var columns = ColumnMajor.From(x, sortedRows);
        var values = new double[m];
        var counts = set.Counts;
        var compact = set.Compact;
        var blocks = (m + BlockSize - 1) / BlockSize;
        Parallel.For(
            0,
            blocks,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => (Sums: new double[k], Point: new double[d]),
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block, _, scratch) =>
            {
                var end = Math.Min(m, (block + 1) * BlockSize);
                for (var s = block * BlockSize; s < end; s++)
                {
                    for (var f = 0; f < d; f++)
                    {
                        scratch.Point[f] = columns[(f * m) + s];
                    }

                    for (var c = 0; c < k; c++)
                    {
                        scratch.Sums[c] = SumOfDistances(columns, m, scratch.Point, start[c], start[c + 1]);
                    }

                    var p = order[s];
                    values[p] = Coefficient(scratch.Sums, counts, compact[p]);
                }

                return scratch;
            },
            _ => { });
        return values;
    }

    /// <summary>Σ over points q in [from, to) of ‖point − q‖, with q read from the column-major copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOfDistances(double[] columns, int m, double[] point, int from, int to)
    {
        var d = point.Length;
        var width = Vector<double>.Count;
        var accumulator = Vector<double>.Zero;
        var q = from;
        var columnSpan = columns.AsSpan();
        for (; q <= to - width; q += width)
        {
            var squared = Vector<double>.Zero;
            for (var f = 0; f < d; f++)
            {
                var diff = new Vector<double>(columnSpan.Slice((f * m) + q, width)) - new Vector<double>(point[f]);
                squared = Vector.FusedMultiplyAdd(diff, diff, squared);
            }

            accumulator += Vector.SquareRoot(squared);
        }

        var total = Vector.Sum(accumulator);
        for (; q < to; q++)
        {
            var squared = 0.0;
            for (var f = 0; f < d; f++)
            {
                var diff = columns[(f * m) + q] - point[f];
                squared = Math.FusedMultiplyAdd(diff, diff, squared);
            }

            total += Math.Sqrt(squared);
        }

        return total;
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
