namespace Segmentation.Runner.Algorithms.KMeans;

/// <summary>KMeans ranges: k, n_init (restarts) and the Lloyd or Elkan iteration.</summary>
/// <param name="K">Cluster counts.</param>
/// <param name="NInit">Restart counts.</param>
/// <param name="Iterations">Iteration schemes.</param>
public sealed record KMeansSpace(IReadOnlyList<int> K, IReadOnlyList<int> NInit, IReadOnlyList<Clustering.KMeans.KMeansAlgorithm> Iterations) : AlgorithmSpace
{
    /// <inheritdoc/>
    public override IAlgorithmDescriptor Descriptor => KMeansDescriptor.Instance;

    /// <inheritdoc/>
    public override IReadOnlyList<TrialOptions> Expand() =>
        (from iteration in Iterations
         from nInit in NInit
         from k in K
         select (TrialOptions)new KMeansTrialOptions(k, nInit, iteration)).ToList();
}
