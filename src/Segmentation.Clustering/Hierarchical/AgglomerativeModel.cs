using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Hierarchical;

/// <summary>
/// A cut of an agglomerative tree turned into a predictor: a new point goes to the cluster with the nearest centroid
/// (the mean of the cluster's training points), since the tree itself cannot place unseen points.
/// </summary>
/// <param name="Linkage">Linkage the tree was built with (informational; prediction does not depend on it).</param>
/// <param name="Centroids">One row per cluster, in label order.</param>
[ClusterModelKind("agglomerative")]
public sealed record AgglomerativeModel(Linkage Linkage, Matrix Centroids) : IClusterModel
{
    /// <inheritdoc />
    [JsonIgnore]
    public string Algorithm => "agglomerative";

    /// <inheritdoc />
    [JsonIgnore]
    public int ClusterCount => Centroids.Rows;

    /// <inheritdoc />
    [JsonIgnore]
    public int FeatureCount => Centroids.Cols;

    /// <summary>Builds the model from training data and the labels of a tree cut (labels 0..k−1, no noise).</summary>
    /// <exception cref="ArgumentException">NaN/∞, a label count mismatch, a negative label, or an empty label in 0..max.</exception>
    public static AgglomerativeModel FromLabels(Matrix x, ReadOnlySpan<int> labels, Linkage linkage)
    {
        InputChecks.Matrix(x, nameof(x), minRows: 1);
        InputChecks.LabelCount(labels.Length, x.Rows, nameof(labels));
        var set = LabelSet.Create(labels, nameof(labels));
        if (set.Kept.Length != labels.Length)
        {
            throw new ArgumentException("labels contains -1 (noise); an agglomerative cut labels every point.", nameof(labels));
        }

        if (set.OriginalLabels[^1] != set.ClusterCount - 1)
        {
            throw new ArgumentException(
                InputChecks.Invariant($"labels must be 0..k-1 with every label used; got {set.ClusterCount} distinct labels up to {set.OriginalLabels[^1]}."),
                nameof(labels));
        }

        return new AgglomerativeModel(linkage, new Matrix(ClusterCentroids.Compute(x, set), set.ClusterCount, x.Cols));
    }

    /// <inheritdoc />
    public int Predict(ReadOnlySpan<double> x)
    {
        if (x.Length != FeatureCount)
        {
            throw new ArgumentException(
                InputChecks.Invariant($"x has {x.Length} features; the model was fitted on {FeatureCount}."), nameof(x));
        }

        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < ClusterCount; c++)
        {
            var distance = TensorPrimitives.Distance(x, Centroids.RowReadOnly(c));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }

        return best;
    }

    /// <inheritdoc />
    public int[] Predict(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var labels = new int[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            labels[i] = Predict(x.RowReadOnly(i));
        }

        return labels;
    }
}
