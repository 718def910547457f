using System.Text.Json.Serialization;
using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Density;

/// <summary>
/// A fitted DBSCAN as a predictor: a new point joins the cluster of its nearest core sample if that sample is within
/// eps (inclusive), otherwise it is noise (−1). Core samples are kept; a k-d tree over them is built on first use.
/// </summary>
/// <remarks>
/// Fit gives a border point reachable from several clusters to the first cluster that reaches it (scikit-learn's rule),
/// which is not always the cluster of its nearest core. Those few training points are kept with their fitted label
/// (<see cref="BorderSamples"/>) and a point equal to one of them gets that label, so predicting the training data
/// reproduces fit's labels exactly; every other point follows the nearest-core rule.
/// </remarks>
[ClusterModelKind("dbscan")]
public sealed class DbscanModel : IClusterModel
{
    private readonly Lazy<KdTree?> tree;
    private readonly Dictionary<double[], int> border;

    /// <summary>Creates the model from the fitted core samples and their cluster labels.</summary>
    /// <exception cref="ArgumentException">Mismatched core sample and label counts, or a label outside [0, clusterCount).</exception>
    /// <param name="eps">Neighbourhood radius.</param>
    /// <param name="minSamples">Minimum neighbourhood size of a core point.</param>
    /// <param name="clusterCount">Number of clusters.</param>
    /// <param name="coreSamples">The core samples, one row each.</param>
    /// <param name="coreLabels">Cluster of each core sample.</param>
    /// <param name="borderSamples">Training border points whose fitted cluster is not that of their nearest core (none when null).</param>
    /// <param name="borderLabels">Fitted cluster of each border sample.</param>
    [JsonConstructor]
    public DbscanModel(double eps, int minSamples, int clusterCount, Matrix coreSamples, IReadOnlyList<int> coreLabels, Matrix? borderSamples = null, IReadOnlyList<int>? borderLabels = null)
    {
        ArgumentNullException.ThrowIfNull(coreSamples);
        ArgumentNullException.ThrowIfNull(coreLabels);
        new DbscanOptions(eps, minSamples).Validate();
        if (coreLabels.Count != coreSamples.Rows)
        {
            throw new ArgumentException(
                InputChecks.Invariant($"coreLabels has {coreLabels.Count} labels for {coreSamples.Rows} core samples."), nameof(coreLabels));
        }

        foreach (var label in coreLabels)
        {
            if ((uint)label >= (uint)clusterCount)
            {
                throw new ArgumentException(
                    InputChecks.Invariant($"coreLabels contains {label}; core samples belong to clusters 0..{clusterCount - 1}."), nameof(coreLabels));
            }
        }

        // Absent in folders written before border points were kept: those predicted every point by the nearest-core rule.
        borderSamples ??= new Matrix(0, coreSamples.Cols);
        borderLabels ??= [];
        if (borderLabels.Count != borderSamples.Rows || (borderSamples.Rows > 0 && borderSamples.Cols != coreSamples.Cols))
        {
            throw new ArgumentException(
                InputChecks.Invariant($"borderLabels has {borderLabels.Count} labels for {borderSamples.Rows} border samples of width {borderSamples.Cols} (cores have {coreSamples.Cols})."),
                nameof(borderLabels));
        }

        var border = new Dictionary<double[], int>(RowComparer.Instance);
        for (var b = 0; b < borderSamples.Rows; b++)
        {
            if ((uint)borderLabels[b] >= (uint)clusterCount)
            {
                throw new ArgumentException(
                    InputChecks.Invariant($"borderLabels contains {borderLabels[b]}; border samples belong to clusters 0..{clusterCount - 1}."), nameof(borderLabels));
            }

            border[borderSamples.RowReadOnly(b).ToArray()] = borderLabels[b];
        }

        Eps = eps;
        MinSamples = minSamples;
        ClusterCount = clusterCount;
        CoreSamples = coreSamples;
        CoreLabels = coreLabels;
        BorderSamples = borderSamples;
        BorderLabels = borderLabels;
        this.border = border;
        tree = new Lazy<KdTree?>(() => coreSamples.Rows == 0 ? null : new KdTree(coreSamples));
    }

    /// <summary>Neighbourhood radius the model was fitted with.</summary>
    public double Eps { get; }

    /// <summary>Minimum neighbourhood size of a core point (informational; prediction uses the stored cores).</summary>
    public int MinSamples { get; }

    /// <inheritdoc />
    public int ClusterCount { get; }

    /// <summary>The core samples, one row each.</summary>
    public Matrix CoreSamples { get; }

    /// <summary>Cluster of each core sample, aligned with <see cref="CoreSamples"/>.</summary>
    public IReadOnlyList<int> CoreLabels { get; }

    /// <summary>Training border points whose fitted cluster is not that of their nearest core, one row each.</summary>
    public Matrix BorderSamples { get; }

    /// <summary>Fitted cluster of each border sample, aligned with <see cref="BorderSamples"/>.</summary>
    public IReadOnlyList<int> BorderLabels { get; }

    /// <inheritdoc />
    [JsonIgnore]
    public string Algorithm => "dbscan";

    /// <inheritdoc />
    [JsonIgnore]
    public int FeatureCount => CoreSamples.Cols;

    /// <inheritdoc />
    public int Predict(ReadOnlySpan<double> x)
    {
        if (x.Length != FeatureCount)
        {
            throw new ArgumentException(InputChecks.Invariant($"x has {x.Length} features; the model was fitted on {FeatureCount}."), nameof(x));
        }

        return tree.Value is not { } index ? -1 : PredictOne(index, x, new int[index.StackSize]);
    }

    /// <inheritdoc />
    public int[] Predict(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Cols != FeatureCount)
        {
            throw new ArgumentException(InputChecks.Invariant($"x has {x.Cols} features; the model was fitted on {FeatureCount}."), nameof(x));
        }

        var labels = new int[x.Rows];
        if (tree.Value is not { } index)
        {
            Array.Fill(labels, -1);
            return labels;
        }

        var stack = new int[index.StackSize];
        for (var i = 0; i < x.Rows; i++)
        {
            labels[i] = PredictOne(index, x.RowReadOnly(i), stack);
        }

        return labels;
    }

    private int PredictOne(KdTree index, ReadOnlySpan<double> x, int[] stack)
    {
        if (border.Count > 0 && border.TryGetValue(x.ToArray(), out var fitted))
        {
            return fitted;
        }

        var nearest = index.Nearest(x, Eps * Eps, stack);
        return nearest < 0 ? -1 : CoreLabels[nearest];
    }
}
