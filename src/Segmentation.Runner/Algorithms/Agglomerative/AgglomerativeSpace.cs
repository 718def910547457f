using Segmentation.Clustering.Hierarchical;

namespace Segmentation.Runner.Algorithms.Agglomerative;

/// <summary>Agglomerative clustering ranges: k (cuts of one tree) and the linkage.</summary>
/// <param name="K">Cluster counts.</param>
/// <param name="Linkages">Linkages.</param>
public sealed record AgglomerativeSpace(IReadOnlyList<int> K, IReadOnlyList<Linkage> Linkages) : AlgorithmSpace
{
    /// <inheritdoc/>
    public override IAlgorithmDescriptor Descriptor => AgglomerativeDescriptor.Instance;

    /// <inheritdoc/>
    public override IReadOnlyList<TrialOptions> Expand() =>
        (from linkage in Linkages
         from k in K
         select (TrialOptions)new AgglomerativeTrialOptions(k, linkage)).ToList();
}
