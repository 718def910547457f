namespace Segmentation.Clustering.Density;

/// <summary>The outcome of one DBSCAN fit.</summary>
/// <param name="Labels">Cluster per row in [0, <paramref name="ClusterCount"/>), −1 for noise.</param>
/// <param name="CoreSampleIndices">Rows that are core samples, ascending.</param>
/// <param name="ClusterCount">Number of clusters found (noise not counted); may be 0.</param>
/// <param name="Model">The predictor: nearest core sample within eps, else noise.</param>
public sealed record DbscanResult(IReadOnlyList<int> Labels, IReadOnlyList<int> CoreSampleIndices, int ClusterCount, DbscanModel Model)
{
    /// <summary>Share of rows labelled noise.</summary>
    public double NoiseFraction => Labels.Count == 0 ? 0.0 : (double)Labels.Count(l => l < 0) / Labels.Count;
}
