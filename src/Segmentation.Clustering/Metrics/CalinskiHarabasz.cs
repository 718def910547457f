using System.Numerics.Tensors;

namespace Segmentation.Clustering.Metrics;

/// <summary>Calinski–Harabasz variance ratio (Caliński &amp; Harabasz 1974), computed as scikit-learn's calinski_harabasz_score; higher is better.</summary>
public static class CalinskiHarabasz
{
    /// <summary>
    /// Between-cluster dispersion over within-cluster dispersion, scaled by (n − k) / (k − 1); 1.0 when every cluster
    /// is a single repeated point. Points labelled −1 (noise) are left out.
    /// </summary>
    /// <exception cref="ArgumentException">NaN/∞ in <paramref name="x"/>, a label count mismatch, or fewer than 2 clusters / as many clusters as samples.</exception>
    public static double Score(Matrix x, ReadOnlySpan<int> labels)
    {
        var set = LabelSet.ForMetric(x, labels, "the Calinski-Harabasz index");
        var d = x.Cols;
        var k = set.ClusterCount;
        var n = set.Kept.Length;
        var centroids = ClusterCentroids.Compute(x, set);
        var mean = new double[d];
        foreach (var i in set.Kept)
        {
            TensorPrimitives.Add(mean, x.RowReadOnly(i), mean);
        }

        TensorPrimitives.Divide(mean, n, mean);
        var extra = 0.0;
        for (var c = 0; c < k; c++)
        {
            var diff = TensorPrimitives.Distance(centroids.AsSpan(c * d, d), mean);
            extra += set.Counts[c] * diff * diff;
        }

        var intra = Inertia.Within(x, set, centroids);
        return intra == 0.0 ? 1.0 : extra * (n - k) / (intra * (k - 1.0));
    }
}
