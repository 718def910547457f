namespace Segmentation.Clustering.Metrics;

/// <summary>Mean silhouette and the per-sample values it averages (for silhouette plots).</summary>
/// <param name="Score">Mean of <paramref name="Values"/>, in [−1, 1].</param>
/// <param name="Indices">Row index of each scored sample, ascending (noise and unsampled rows are absent).</param>
/// <param name="Labels">Cluster label of each scored sample, aligned with <paramref name="Indices"/>.</param>
/// <param name="Values">Silhouette of each scored sample, aligned with <paramref name="Indices"/>; 0 for members of singleton clusters.</param>
public sealed record SilhouetteResult(double Score, IReadOnlyList<int> Indices, IReadOnlyList<int> Labels, IReadOnlyList<double> Values);
