using System.Text.Json.Serialization;
using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Density;

/// <summary>
/// A fitted DBSCAN as a predictor: a new point joins the cluster of its nearest core sample if that sample is within
/// eps (inclusive), otherwise it is noise (−1). Core samples are kept; a k-d tree over them is built on first use.
/// </summary>
[ClusterModelKind("dbscan")]
public sealed class DbscanModel : IClusterModel
{
    private readonly Lazy<KdTree?> tree;

    /// <summary>Creates the model from the fitted core samples and their cluster labels.</summary>
    /// <exception cref="ArgumentException">Mismatched core sample and label counts, or a label outside [0, clusterCount).</exception>
    [JsonConstructor]
    public DbscanModel(double eps, int minSamples, int clusterCount, Matrix coreSamples, IReadOnlyList<int> coreLabels)
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

        Eps = eps;
        MinSamples = minSamples;
        ClusterCount = clusterCount;
        CoreSamples = coreSamples;
        CoreLabels = coreLabels;
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

        if (tree.Value is not { } index)
        {
            return -1;
        }

        var nearest = index.Nearest(x, Eps * Eps, new int[index.StackSize]);
        return nearest < 0 ? -1 : CoreLabels[nearest];
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
        var radiusSquared = Eps * Eps;
        for (var i = 0; i < x.Rows; i++)
        {
            var nearest = index.Nearest(x.RowReadOnly(i), radiusSquared, stack);
            labels[i] = nearest < 0 ? -1 : CoreLabels[nearest];
        }

        return labels;
    }
}
