using Segmentation.Clustering.Metrics;
using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Hierarchical;

/// <summary>
/// A complete agglomerative (hierarchical) clustering tree, built once per preprocessed matrix and cut at any
/// number of clusters in O(n): a sweep over k reuses one tree.
/// </summary>
/// <remarks>
/// Ward, complete and average linkage are built with the nearest-neighbour chain algorithm (Murtagh 1983,
/// "A survey of recent advances in hierarchical clustering algorithms", The Computer Journal 26(4)), which is exact
/// for these reducible linkages and runs in O(n²) time; single linkage is read off a minimum spanning tree built with
/// Prim's algorithm in O(n²) time without storing distances. Ward works on centroids and sizes (the Lance–Williams
/// update on squared distances, written in closed form) in O(n·d) memory; complete and average update a condensed
/// distance matrix with the Lance–Williams formula. Cuts equal scikit-learn's AgglomerativeClustering labels up to
/// relabelling when no two merge heights tie.
/// </remarks>
public sealed partial class AgglomerativeTree
{
    private readonly int[] leafLeft;
    private readonly int[] leafRight;

    private AgglomerativeTree(Linkage linkage, int sampleCount, Merge[] merges, int[] leafLeft, int[] leafRight)
    {
        Linkage = linkage;
        SampleCount = sampleCount;
        Merges = merges;
        this.leafLeft = leafLeft;
        this.leafRight = leafRight;
    }

    /// <summary>The linkage the tree was built with.</summary>
    public Linkage Linkage { get; }

    /// <summary>Number of points (leaves).</summary>
    public int SampleCount { get; }

    /// <summary>The n − 1 merges in ascending order of height (scipy linkage-matrix convention).</summary>
    public IReadOnlyList<Merge> Merges { get; }

    /// <summary>Builds the tree of the rows of <paramref name="x"/> under <paramref name="linkage"/> (Euclidean).</summary>
    /// <param name="x">Finite data with at least 2 rows that are not all the same point.</param>
    /// <param name="linkage">Ward, complete, average or single.</param>
    /// <param name="maxDegreeOfParallelism">Used when pairwise distances are computed; the tree does not depend on it.</param>
    /// <exception cref="ArgumentException">NaN/∞, fewer than 2 rows, or all rows identical.</exception>
    public static AgglomerativeTree Build(Matrix x, Linkage linkage, int maxDegreeOfParallelism = -1)
    {
        InputChecks.Matrix(x, nameof(x));
        InputChecks.NotAllIdentical(x, nameof(x));
        return linkage switch
        {
            Linkage.Ward => BuildWard(x),
            Linkage.Single => BuildSingle(x),
            Linkage.Complete or Linkage.Average => BuildFromDistances(PairwiseDistances.Compute(x, maxDegreeOfParallelism), linkage),
            _ => throw UnknownLinkage(linkage),
        };
    }

    /// <summary>Builds the tree from a distance cache shared with other computations on the same matrix.</summary>
    /// <exception cref="ArgumentException">All distances are zero (every point identical).</exception>
    public static AgglomerativeTree Build(PairwiseDistances distances, Linkage linkage)
    {
        ArgumentNullException.ThrowIfNull(distances);
        var anyNonZero = false;
        foreach (var value in distances.Condensed)
        {
            if (value != 0)
            {
                anyNonZero = true;
                break;
            }
        }

        if (!anyNonZero)
        {
            throw new ArgumentException(
                InputChecks.Invariant($"All {distances.Count} points of distances are the same point; there is nothing to cluster."),
                nameof(distances));
        }

        return linkage switch
        {
            Linkage.Single => BuildSingle(distances),
            Linkage.Ward or Linkage.Complete or Linkage.Average => BuildFromDistances(distances, linkage),
            _ => throw UnknownLinkage(linkage),
        };
    }

    /// <summary>Labels of the partition into <paramref name="k"/> clusters: the first n − k merges applied.</summary>
    /// <returns>A label in [0, k) per point, numbered by first appearance in row order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or k &gt; n.</exception>
    public int[] Cut(int k)
    {
        InputChecks.ClusterCount(k, SampleCount, nameof(k));
        var parent = new int[SampleCount];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        for (var t = 0; t < SampleCount - k; t++)
        {
            parent[Find(parent, leafLeft[t])] = Find(parent, leafRight[t]);
        }

        var labels = new int[SampleCount];
        var labelOfRoot = new int[SampleCount];
        Array.Fill(labelOfRoot, -1);
        var next = 0;
        for (var i = 0; i < SampleCount; i++)
        {
            var root = Find(parent, i);
            if (labelOfRoot[root] < 0)
            {
                labelOfRoot[root] = next++;
            }

            labels[i] = labelOfRoot[root];
        }

        return labels;
    }

    private static ArgumentOutOfRangeException UnknownLinkage(Linkage linkage) =>
        new(nameof(linkage), linkage, "linkage must be Ward, Complete, Average or Single.");

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    /// <summary>
    /// Orders merges found in any order (nn-chain finds them out of order) by height, ties by discovery order, and
    /// names clusters as scipy does. Each raw merge is given by one leaf of each side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AgglomerativeTree Finish(Linkage linkage, int n, int[] rawLeft, int[] rawRight, double[] rawHeight)
    {
        var order = new int[n - 1];
        for (var t = 0; t < order.Length; t++)
        {
            order[t] = t;
        }

        Array.Sort(order, (p, q) =>
        {
            var byHeight = rawHeight[p].CompareTo(rawHeight[q]);
            return byHeight != 0 ? byHeight : p.CompareTo(q);
        });

        var parent = new int[n];
        var nodeOfRoot = new int[n];
        var sizeOfRoot = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
            nodeOfRoot[i] = i;
            sizeOfRoot[i] = 1;
        }

        var merges = new Merge[n - 1];
        var leafLeft = new int[n - 1];
        var leafRight = new int[n - 1];
        for (var t = 0; t < order.Length; t++)
        {
            var raw = order[t];
            var left = Find(parent, rawLeft[raw]);
            var right = Find(parent, rawRight[raw]);
            var (first, second) = nodeOfRoot[left] < nodeOfRoot[right] ? (left, right) : (right, left);
            var size = sizeOfRoot[left] + sizeOfRoot[right];
            merges[t] = new Merge(nodeOfRoot[first], nodeOfRoot[second], rawHeight[raw], size);
            leafLeft[t] = rawLeft[raw];
            leafRight[t] = rawRight[raw];
            parent[first] = second;
            nodeOfRoot[second] = n + t;
            sizeOfRoot[second] = size;
        }

        return new AgglomerativeTree(linkage, n, merges, leafLeft, leafRight);
    }
}
