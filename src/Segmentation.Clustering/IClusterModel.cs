namespace Segmentation.Clustering;

/// <summary>A fitted clustering model that assigns (preprocessed) points to clusters.</summary>
/// <remarks>
/// Implementations are immutable, serialise to JSON through <see cref="ClusterModelJson"/> and are registered
/// for polymorphic (de)serialisation by a <see cref="ClusterModelKindAttribute"/> on the class — no list to edit:
/// <code>
/// [ClusterModelKind("dbscan")]
/// public sealed record DbscanModel(...) : IClusterModel { ... }
/// </code>
/// The JSON carries the kind in a <c>"kind"</c> property. Give the type public properties for everything
/// predict needs (a positional record works); <see cref="Matrix"/> serialises as an array of rows.
/// </remarks>
public interface IClusterModel
{
    /// <summary>Algorithm name as logged (e.g. "kmeans", "gmm", "agglomerative", "dbscan").</summary>
    string Algorithm { get; }

    /// <summary>Number of clusters the model can assign (noise, −1, not counted).</summary>
    int ClusterCount { get; }

    /// <summary>Number of features a point must have.</summary>
    int FeatureCount { get; }

    /// <summary>Cluster of one point, in [0, <see cref="ClusterCount"/>), or −1 for noise.</summary>
    int Predict(ReadOnlySpan<double> x);

    /// <summary>Cluster of every row of <paramref name="x"/>.</summary>
    int[] Predict(Matrix x);
}
