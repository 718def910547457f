using Segmentation.Clustering.KMeans;

namespace Segmentation.Runner.Algorithms.KMeans;

/// <summary>One KMeans setting.</summary>
/// <param name="K">Number of clusters.</param>
/// <param name="NInit">Restarts; the best inertia wins.</param>
/// <param name="Iteration">Lloyd or Elkan.</param>
public sealed record KMeansTrialOptions(int K, int NInit, KMeansAlgorithm Iteration) : TrialOptions
{
    /// <inheritdoc/>
    public override IAlgorithmDescriptor Descriptor => KMeansDescriptor.Instance;

    /// <inheritdoc/>
    public override int? Clusters => K;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> Settings() =>
    [
        new(KMeansDescriptor.Iteration.ParamKey, KMeansDescriptor.Iteration.Format(Iteration)),
        new(KMeansDescriptor.NInit.ParamKey, KMeansDescriptor.NInit.Format(NInit)),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RunNameTokens()
    {
        var tokens = new List<string>();
        if (Iteration != KMeansAlgorithm.Lloyd)
        {
            tokens.Add(KMeansDescriptor.Iteration.Format(Iteration));
        }

        if (NInit != KMeansDescriptor.NInit.Default)
        {
            tokens.Add("n" + KMeansDescriptor.NInit.Format(NInit));
        }

        return tokens;
    }

    /// <inheritdoc/>
    public override void Validate()
    {
        ClusterCount.Check(K, Algorithm);
        KMeansDescriptor.NInit.Check(NInit, Algorithm);
        KMeansDescriptor.Iteration.Check(Iteration);
    }
}
