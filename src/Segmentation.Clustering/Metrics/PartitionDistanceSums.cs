using System.Runtime.Intrinsics;

namespace Segmentation.Clustering.Metrics;

/// <summary>
/// Each point's sum of Euclidean distances to the members of every cluster of one partition. The silhouette of that
/// partition, or of any coarser one — whose clusters are unions of its clusters, as the cuts of one hierarchical tree
/// at fewer clusters are — then follows in O(n·K) without another pass over the n²/2 pairs.
/// </summary>
/// <remarks>
/// A sweep cuts one agglomerative tree at every k of its range; the sums of the cut at the largest k give the
/// silhouettes of all the others, each coarse sum being the sum of its fine clusters' sums (in ascending order of fine
/// cluster, so the result depends only on the two partitions). Equal to <see cref="Silhouette.Compute(Matrix, ReadOnlySpan{int}, SilhouetteOptions?)"/>
/// up to the order of the additions (a few ulps of each sum). Exact silhouette only: every row is scored, none is noise.
/// </remarks>
public sealed class PartitionDistanceSums
{
    private readonly int _rows;
    private readonly int[] _fine;
    private readonly int[] _fineCounts;
    private readonly int[] _order;
    private readonly double[] _sums;

    private PartitionDistanceSums(int rows, int[] fine, int[] fineCounts, int[] order, double[] sums)
    {
        _rows = rows;
        _fine = fine;
        _fineCounts = fineCounts;
        _order = order;
        _sums = sums;
    }

    /// <summary>Clusters of the fine partition.</summary>
    public int ClusterCount => _fineCounts.Length;

    /// <summary>Sums the distances of every pair of rows of <paramref name="x"/> by the clusters of <paramref name="labels"/> (one label ≥ 0 per row).</summary>
    /// <param name="x">Finite data.</param>
    /// <param name="labels">The fine partition; −1 (noise) is not allowed.</param>
    /// <param name="maxDegreeOfParallelism">Threads for the pass over the pairs; the sums do not depend on it.</param>
    /// <exception cref="ArgumentException">NaN/∞, a label count mismatch, or a label below 0.</exception>
    public static PartitionDistanceSums Compute(Matrix x, ReadOnlySpan<int> labels, int maxDegreeOfParallelism = -1) =>
        Compute(x, labels, maxDegreeOfParallelism, Vector512.IsHardwareAccelerated);

    /// <summary><see cref="Compute(Matrix, ReadOnlySpan{int}, int)"/> with the vector width chosen by the caller (tests).</summary>
    internal static PartitionDistanceSums Compute(Matrix x, ReadOnlySpan<int> labels, int maxDegreeOfParallelism, bool wide)
    {
        InputChecks.Matrix(x, nameof(x));
        InputChecks.LabelCount(labels.Length, x.Rows, nameof(labels));
        var set = LabelSet.Create(labels, nameof(labels));
        if (set.Kept.Length != x.Rows)
        {
            throw new ArgumentException("labels of a fine partition must all be >= 0 (no noise).", nameof(labels));
        }

        var m = x.Rows;
        var k = set.ClusterCount;
        var (start, order, columns) = Silhouette.SortByCluster(x, set.Kept, set);
        var sums = new double[k * m];
        Silhouette.AddBlocks(m, x.Cols, k, start, columns, sums, maxDegreeOfParallelism, wide);
        return new PartitionDistanceSums(m, set.Compact, set.Counts, order, sums);
    }

    /// <summary>
    /// The exact silhouette of <paramref name="labels"/> when it coarsens the fine partition (every fine cluster lies
    /// inside one of its clusters); null when it does not, or when it has noise (−1).
    /// </summary>
    /// <exception cref="ArgumentException">A label count mismatch, a label below −1, or not 2 &lt;= clusters &lt;= samples − 1.</exception>
    public SilhouetteResult? TryScoreCoarsening(ReadOnlySpan<int> labels)
    {
        InputChecks.LabelCount(labels.Length, _rows, nameof(labels));
        var set = LabelSet.Create(labels, nameof(labels));
        set.RequireMetricRange(nameof(labels), "the silhouette");
        if (set.Kept.Length != _rows)
        {
            return null;
        }

        // The coarse cluster of each fine one, from its first row; every other row must agree.
        var coarseOf = new int[ClusterCount];
        Array.Fill(coarseOf, -1);
        for (var row = 0; row < _rows; row++)
        {
            ref var coarse = ref coarseOf[_fine[row]];
            if (coarse < 0)
            {
                coarse = set.Compact[row];
            }
            else if (coarse != set.Compact[row])
            {
                return null;
            }
        }

        var k = set.ClusterCount;
        var values = new double[_rows];
        var point = new double[k];
        for (var s = 0; s < _rows; s++)
        {
            Array.Clear(point);
            for (var f = 0; f < coarseOf.Length; f++)
            {
                point[coarseOf[f]] += _sums[(f * _rows) + s];
            }

            var row = _order[s];
            values[row] = Silhouette.Coefficient(point, set.Counts, set.Compact[row]);
        }

        var rows = new int[_rows];
        for (var row = 0; row < _rows; row++)
        {
            rows[row] = row;
        }

        return Silhouette.Result(rows, labels.ToArray(), values);
    }
}
