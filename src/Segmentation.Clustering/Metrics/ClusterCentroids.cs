namespace Segmentation.Clustering.Metrics;

/// <summary>Cluster means of the kept (non-noise) points, as a k × d row-major buffer.</summary>
internal static class ClusterCentroids
{
    /// <summary>Mean of each compact cluster of <paramref name="set"/>.</summary>
    public static double[] Compute(Matrix x, LabelSet set)
    {
        var d = x.Cols;
        var sums = new double[set.ClusterCount * d];
        for (var p = 0; p < set.Kept.Length; p++)
        {
            var row = x.RowReadOnly(set.Kept[p]);
            var target = sums.AsSpan(set.Compact[p] * d, d);
            System.Numerics.Tensors.TensorPrimitives.Add(target, row, target);
        }

        for (var c = 0; c < set.ClusterCount; c++)
        {
            var target = sums.AsSpan(c * d, d);
            System.Numerics.Tensors.TensorPrimitives.Divide(target, set.Counts[c], target);
        }

        return sums;
    }
}
