using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Metrics;

/// <summary>Within-cluster sum of squared distances to the cluster means (k-means' objective, for any labelling).</summary>
public static class Inertia
{
    /// <summary>Sum over non-noise points of the squared Euclidean distance to their cluster's mean; −1 (noise) is left out.</summary>
    /// <exception cref="ArgumentException">NaN/∞ in <paramref name="x"/>, a label count mismatch, or no clustered point.</exception>
    public static double Score(Matrix x, ReadOnlySpan<int> labels)
    {
        InputChecks.Matrix(x, nameof(x), minRows: 1);
        InputChecks.LabelCount(labels.Length, x.Rows, nameof(labels));
        var set = LabelSet.Create(labels, nameof(labels));
        if (set.ClusterCount == 0)
        {
            throw new ArgumentException("labels marks every point as noise (-1); inertia needs at least one cluster.", nameof(labels));
        }

        return Within(x, set, ClusterCentroids.Compute(x, set));
    }

    /// <summary>Sum of squared distances of kept points to the given centroids.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Within(Matrix x, LabelSet set, double[] centroids)
    {
        var d = x.Cols;
        var total = 0.0;
        for (var p = 0; p < set.Kept.Length; p++)
        {
            var row = x.RowReadOnly(set.Kept[p]);
            var centroid = centroids.AsSpan(set.Compact[p] * d, d);
            for (var f = 0; f < d; f++)
            {
                var diff = row[f] - centroid[f];
                total += diff * diff;
            }
        }

        return total;
    }
}
