using System.Numerics.Tensors;

namespace Segmentation.Clustering.Metrics;

/// <summary>Davies–Bouldin index (Davies &amp; Bouldin 1979), computed as scikit-learn's davies_bouldin_score; lower is better.</summary>
public static class DaviesBouldin
{
    /// <summary>
    /// Mean over clusters of the worst ratio (s_i + s_j) / d(c_i, c_j), where s is the mean distance of a cluster's
    /// points to its centroid. Points labelled −1 (noise) are left out.
    /// </summary>
    /// <exception cref="ArgumentException">NaN/∞ in <paramref name="x"/>, a label count mismatch, or fewer than 2 clusters / as many clusters as samples.</exception>
    public static double Score(Matrix x, ReadOnlySpan<int> labels)
    {
        var set = LabelSet.ForMetric(x, labels, "the Davies-Bouldin index");
        var d = x.Cols;
        var k = set.ClusterCount;
        var centroids = ClusterCentroids.Compute(x, set);
        var intra = new double[k];
        for (var p = 0; p < set.Kept.Length; p++)
        {
            var c = set.Compact[p];
            intra[c] += TensorPrimitives.Distance(x.RowReadOnly(set.Kept[p]), centroids.AsSpan(c * d, d));
        }

        for (var c = 0; c < k; c++)
        {
            intra[c] /= set.Counts[c];
        }

        var allIntraZero = true;
        foreach (var s in intra)
        {
            allIntraZero &= s == 0;
        }

        var allCentroidsEqual = true;
        var between = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                between[(i * k) + j] = TensorPrimitives.Distance(centroids.AsSpan(i * d, d), centroids.AsSpan(j * d, d));
                allCentroidsEqual &= between[(i * k) + j] == 0;
            }
        }

        // Degenerate cases are defined as 0, as scikit-learn does, rather than a division by zero.
        if (allIntraZero || allCentroidsEqual)
        {
            return 0.0;
        }

        var total = 0.0;
        for (var i = 0; i < k; i++)
        {
            var worst = double.NegativeInfinity;
            for (var j = 0; j < k; j++)
            {
                var distance = between[(i * k) + j];
                var ratio = distance == 0 ? 0.0 : (intra[i] + intra[j]) / distance;
                worst = Math.Max(worst, ratio);
            }

            total += worst;
        }

        return total / k;
    }
}
