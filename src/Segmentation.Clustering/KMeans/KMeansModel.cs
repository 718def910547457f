using System.Globalization;
using System.Text.Json.Serialization;

namespace Segmentation.Clustering.KMeans;

/// <summary>A fitted k-means model: assigns each point to its nearest centre.</summary>
[ClusterModelKind("kmeans")]
public sealed class KMeansModel : IClusterModel
{
    private readonly CenterKernel kernel;

    /// <summary>Creates the model from its centres (k × features).</summary>
    [JsonConstructor]
    public KMeansModel(Matrix centers)
    {
        ArgumentNullException.ThrowIfNull(centers);
        if (centers.Rows < 1 || centers.Cols < 1)
        {
            throw new ArgumentException("A k-means model needs at least one centre and one feature.", nameof(centers));
        }

        centers.Validate(nameof(centers));
        Centers = centers;
        kernel = new CenterKernel(centers.Rows, centers.Cols);
        kernel.Load(centers.Data);
    }

    /// <summary>Cluster centres, one per row.</summary>
    public Matrix Centers { get; }

    /// <inheritdoc />
    [JsonIgnore]
    public string Algorithm => "kmeans";

    /// <inheritdoc />
    [JsonIgnore]
    public int ClusterCount => Centers.Rows;

    /// <inheritdoc />
    [JsonIgnore]
    public int FeatureCount => Centers.Cols;

    /// <inheritdoc />
    public int Predict(ReadOnlySpan<double> x)
    {
        CheckWidth(x.Length);
        return kernel.Nearest(x);
    }

    /// <inheritdoc />
    public int[] Predict(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckWidth(x.Cols);
        var labels = new int[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            labels[i] = kernel.Nearest(x.RowReadOnly(i));
        }

        return labels;
    }

    /// <summary>Sum of squared distances of the rows of <paramref name="x"/> to their nearest centres.</summary>
    public double Inertia(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var labels = Predict(x);
        var sum = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            sum += CenterKernel.SquaredDistance(x.RowReadOnly(i), Centers.RowReadOnly(labels[i]));
        }

        return sum;
    }

    private void CheckWidth(int cols)
    {
        if (cols != Centers.Cols)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Point has {cols} features; the model was fitted on {Centers.Cols}."), "x");
        }
    }
}
