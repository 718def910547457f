using Segmentation.Clustering.Mixture;

namespace Segmentation.Runner.Algorithms.GaussianMixture;

/// <summary>One Gaussian mixture setting.</summary>
/// <param name="K">Number of components.</param>
/// <param name="Covariance">The covariance type.</param>
public sealed record GaussianMixtureTrialOptions(int K, CovarianceType Covariance) : TrialOptions
{
    /// <inheritdoc/>
    public override IAlgorithmDescriptor Descriptor => GaussianMixtureDescriptor.Instance;

    /// <inheritdoc/>
    public override int? Clusters => K;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> Settings() =>
        [new(GaussianMixtureDescriptor.Covariance.ParamKey, GaussianMixtureDescriptor.Covariance.Format(Covariance))];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RunNameTokens() => [GaussianMixtureDescriptor.Covariance.Format(Covariance)];

    /// <inheritdoc/>
    public override void Validate()
    {
        ClusterCount.Check(K, Algorithm);
        GaussianMixtureDescriptor.Covariance.Check(Covariance);
    }
}
