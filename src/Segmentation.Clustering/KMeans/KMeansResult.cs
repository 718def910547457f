namespace Segmentation.Clustering.KMeans;

/// <summary>The outcome of <see cref="KMeans.Fit"/>: the best of the n_init runs.</summary>
/// <param name="Model">The fitted model (centres).</param>
/// <param name="Labels">Cluster of every training row.</param>
/// <param name="Inertia">Sum of squared distances of the rows to their centres.</param>
/// <param name="Iterations">Iterations the best run took.</param>
/// <param name="InertiaTrace">Inertia after each Lloyd assignment step of the best run, when requested; else empty.</param>
public sealed record KMeansResult(KMeansModel Model, int[] Labels, double Inertia, int Iterations, IReadOnlyList<double> InertiaTrace);
