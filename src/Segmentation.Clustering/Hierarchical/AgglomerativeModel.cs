using System.Text.Json.Serialization;
using Segmentation.Clustering.Density;
using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Hierarchical;

/// <summary>
/// A cut of an agglomerative tree turned into a predictor: a point goes to the cluster of its nearest training point
/// (1-nearest-neighbour, lowest training row on ties), the inductive form scikit-learn's clustering guide recommends
/// for a clusterer without predict (a classifier fitted on the cut's labels).
/// </summary>
/// <remarks>
/// Nearest centroid is not used because a tree cut is not a Voronoi partition of its centroids: on the shipped data 498
/// of 4,338 customers would get another segment than the one their training run logged. The nearest training point of a
/// training point is itself (or an identical point, which any linkage merges first, at height 0), so predicting the
/// training data reproduces the cut exactly. The centroids stay for the distance-to-centre score.
/// </remarks>
[ClusterModelKind("agglomerative")]
public sealed class AgglomerativeModel : IClusterModel
{
    // Built on the first prediction, not with the model: a sweep fits and writes 33 agglomerative models that it never
    // predicts with (about 1.2 ms of CPU each on the shipped data).
    private readonly Lazy<KdTree> tree;

    /// <summary>Creates the model from the cut's centroids, the training points and their labels.</summary>
    /// <param name="linkage">Linkage the tree was built with (informational; prediction does not depend on it).</param>
    /// <param name="centroids">One row per cluster, in label order: the mean of the cluster's training points.</param>
    /// <param name="samples">The training points, one row each, in training order.</param>
    /// <param name="sampleLabels">The cut's label of each training point, aligned with <paramref name="samples"/>.</param>
    /// <exception cref="ArgumentException">
    /// No samples (a model folder written when prediction was by nearest centroid), mismatched counts or widths, or a label outside [0, k).
    /// </exception>
    [JsonConstructor]
    public AgglomerativeModel(Linkage linkage, Matrix centroids, Matrix samples, IReadOnlyList<int> sampleLabels)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        if (samples is null || sampleLabels is null || samples.Rows == 0)
        {
            throw new ArgumentException(
                "The agglomerative model has no training samples: it was written by a version that predicted by nearest centroid; refit it.", nameof(samples));
        }

        if (sampleLabels.Count != samples.Rows || samples.Cols != centroids.Cols)
        {
            throw new ArgumentException(
                InputChecks.Invariant($"The agglomerative model has {samples.Rows}x{samples.Cols} samples, {sampleLabels.Count} sample labels and {centroids.Cols}-wide centroids; they must agree."),
                nameof(sampleLabels));
        }

        foreach (var label in sampleLabels)
        {
            if ((uint)label >= (uint)centroids.Rows)
            {
                throw new ArgumentException(InputChecks.Invariant($"sampleLabels contains {label}; clusters are 0..{centroids.Rows - 1}."), nameof(sampleLabels));
            }
        }

        Linkage = linkage;
        Centroids = centroids;
        Samples = samples;
        SampleLabels = sampleLabels;
        tree = new Lazy<KdTree>(() => new KdTree(samples), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Linkage the tree was built with (informational; prediction does not depend on it).</summary>
    public Linkage Linkage { get; }

    /// <summary>One row per cluster, in label order: the mean of the cluster's training points (the distance-to-centre score).</summary>
    public Matrix Centroids { get; }

    /// <summary>The training points, one row each, in training order.</summary>
    public Matrix Samples { get; }

    /// <summary>The cut's label of each training point, aligned with <see cref="Samples"/>.</summary>
    public IReadOnlyList<int> SampleLabels { get; }

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

        var centroids = new Matrix(ClusterCentroids.Compute(x, set), set.ClusterCount, x.Cols);
        return new AgglomerativeModel(linkage, centroids, new Matrix([.. x.Data], x.Rows, x.Cols), labels.ToArray());
    }

    /// <inheritdoc />
    public int Predict(ReadOnlySpan<double> x)
    {
        if (x.Length != FeatureCount)
        {
            throw new ArgumentException(
                InputChecks.Invariant($"x has {x.Length} features; the model was fitted on {FeatureCount}."), nameof(x));
        }

        var nearest = tree.Value;
        return SampleLabels[nearest.Nearest(x, double.PositiveInfinity, new int[nearest.StackSize])];
    }

    /// <inheritdoc />
    public int[] Predict(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Cols != FeatureCount)
        {
            throw new ArgumentException(InputChecks.Invariant($"x has {x.Cols} features; the model was fitted on {FeatureCount}."), nameof(x));
        }

        var nearest = tree.Value;
        var stack = new int[nearest.StackSize];
        var labels = new int[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            labels[i] = SampleLabels[nearest.Nearest(x.RowReadOnly(i), double.PositiveInfinity, stack)];
        }

        return labels;
    }
}
