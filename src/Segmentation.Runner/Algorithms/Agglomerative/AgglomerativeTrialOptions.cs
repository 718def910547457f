using Segmentation.Clustering.Hierarchical;

namespace Segmentation.Runner.Algorithms.Agglomerative;

/// <summary>One agglomerative setting.</summary>
/// <param name="K">Number of clusters the tree is cut into.</param>
/// <param name="Linkage">The linkage the tree is built with.</param>
public sealed record AgglomerativeTrialOptions(int K, Linkage Linkage) : TrialOptions
{
    /// <inheritdoc/>
    public override IAlgorithmDescriptor Descriptor => AgglomerativeDescriptor.Instance;

    /// <inheritdoc/>
    public override int? Clusters => K;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> Settings() =>
        [new(AgglomerativeDescriptor.Linkage.ParamKey, AgglomerativeDescriptor.Linkage.Format(Linkage))];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RunNameTokens() => [AgglomerativeDescriptor.Linkage.Format(Linkage)];

    /// <inheritdoc/>
    public override void Validate()
    {
        ClusterCount.Check(K, Algorithm);
        AgglomerativeDescriptor.Linkage.Check(Linkage);
    }
}
