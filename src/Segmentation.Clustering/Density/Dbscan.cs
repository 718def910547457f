using System.Runtime.CompilerServices;
using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Density;

/// <summary>
/// DBSCAN (Ester, Kriegel, Sander &amp; Xu 1996, "A density-based algorithm for discovering clusters in large spatial
/// databases with noise", KDD-96) with Euclidean distance and a k-d tree for the ε-neighbourhood queries, so it is
/// far below O(n²) in low dimensions.
/// </summary>
/// <remarks>
/// Same semantics as scikit-learn's DBSCAN: a point is core when at least MinSamples points (itself included) lie
/// within distance ≤ eps; clusters are grown depth-first from core points in row order, and a border point reachable
/// from several clusters joins the first one that reaches it. Core and noise sets therefore equal scikit-learn's, and
/// so do the labels (scikit-learn numbers clusters in the same order).
/// </remarks>
public static class Dbscan
{
    private const int BlockSize = 256;

    /// <summary>Clusters the rows of <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException">NaN/∞, fewer than 2 rows, all rows identical, eps ≤ 0 or min_samples &lt; 1.</exception>
    public static DbscanResult Fit(Matrix x, DbscanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        InputChecks.Matrix(x, nameof(x));
        InputChecks.NotAllIdentical(x, nameof(x));
        var n = x.Rows;
        var tree = new KdTree(x);
        var radiusSquared = options.Eps * options.Eps;

        // ε-neighbourhoods in compressed rows; blocks are filled in parallel and joined in block order.
        var blocks = (n + BlockSize - 1) / BlockSize;
        var blockNeighbours = new List<int>[blocks];
        var counts = new int[n];
        Parallel.For(
            0,
            blocks,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            () => new int[tree.StackSize],
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block, _, stack) =>
            {
                var list = new List<int>();
                var end = Math.Min(n, (block + 1) * BlockSize);
                for (var i = block * BlockSize; i < end; i++)
                {
                    var before = list.Count;
                    tree.Radius(x.RowReadOnly(i), radiusSquared, list, stack);
                    counts[i] = list.Count - before;
                }

                blockNeighbours[block] = list;
                return stack;
            },
            _ => { });

        var offsets = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] = checked(offsets[i] + counts[i]);
        }

        var neighbours = new int[offsets[n]];
        for (var block = 0; block < blocks; block++)
        {
            blockNeighbours[block].CopyTo(neighbours, offsets[block * BlockSize]);
        }

        var isCore = new bool[n];
        var cores = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (counts[i] >= options.MinSamples)
            {
                isCore[i] = true;
                cores.Add(i);
            }
        }

        var labels = Expand(n, offsets, neighbours, isCore);
        var clusterCount = 0;
        foreach (var label in labels)
        {
            clusterCount = Math.Max(clusterCount, label + 1);
        }

        var coreSamples = new Matrix(cores.Count, x.Cols);
        var coreLabels = new int[cores.Count];
        for (var c = 0; c < cores.Count; c++)
        {
            x.RowReadOnly(cores[c]).CopyTo(coreSamples.Row(c));
            coreLabels[c] = labels[cores[c]];
        }

        var model = KeepBorderLabels(x, labels, isCore, new DbscanModel(options.Eps, options.MinSamples, clusterCount, coreSamples, coreLabels));
        return new DbscanResult(labels, [.. cores], clusterCount, model);
    }

    /// <summary>
    /// The model plus the border points whose fitted cluster (the first to reach them) is not the one the nearest-core rule
    /// predicts, so that predicting the training data gives fit's labels.
    /// </summary>
    private static DbscanModel KeepBorderLabels(Matrix x, int[] labels, bool[] isCore, DbscanModel nearestCore)
    {
        var rows = new List<int>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (!isCore[i] && labels[i] >= 0 && nearestCore.Predict(x.RowReadOnly(i)) != labels[i])
            {
                rows.Add(i);
            }
        }

        if (rows.Count == 0)
        {
            return nearestCore;
        }

        var samples = new Matrix(rows.Count, x.Cols);
        var sampleLabels = new int[rows.Count];
        for (var b = 0; b < rows.Count; b++)
        {
            x.RowReadOnly(rows[b]).CopyTo(samples.Row(b));
            sampleLabels[b] = labels[rows[b]];
        }

        return new DbscanModel(nearestCore.Eps, nearestCore.MinSamples, nearestCore.ClusterCount, nearestCore.CoreSamples, nearestCore.CoreLabels, samples, sampleLabels);
    }

    /// <summary>Depth-first cluster growth from each unlabelled core point, in row order (as scikit-learn's dbscan_inner).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] Expand(int n, int[] offsets, int[] neighbours, bool[] isCore)
    {
        var labels = new int[n];
        Array.Fill(labels, -1);
        var stack = new Stack<int>();
        var next = 0;
        for (var seed = 0; seed < n; seed++)
        {
            if (labels[seed] != -1 || !isCore[seed])
            {
                continue;
            }

            var i = seed;
            while (true)
            {
                if (labels[i] == -1)
                {
                    labels[i] = next;
                    if (isCore[i])
                    {
                        for (var t = offsets[i]; t < offsets[i + 1]; t++)
                        {
                            if (labels[neighbours[t]] == -1)
                            {
                                stack.Push(neighbours[t]);
                            }
                        }
                    }
                }

                if (!stack.TryPop(out i))
                {
                    break;
                }
            }

            next++;
        }

        return labels;
    }
}
