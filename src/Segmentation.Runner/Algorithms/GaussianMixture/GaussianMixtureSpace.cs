using Segmentation.Clustering.Mixture;

namespace Segmentation.Runner.Algorithms.GaussianMixture;

/// <summary>Gaussian mixture ranges: k and the covariance type.</summary>
/// <param name="K">Component counts.</param>
/// <param name="CovarianceTypes">Covariance types.</param>
public sealed record GaussianMixtureSpace(IReadOnlyList<int> K, IReadOnlyList<CovarianceType> CovarianceTypes) : AlgorithmSpace
{
    /// <inheritdoc/>
    public override IAlgorithmDescriptor Descriptor => GaussianMixtureDescriptor.Instance;

    /// <inheritdoc/>
    public override IReadOnlyList<TrialOptions> Expand() =>
        (from covariance in CovarianceTypes
         from k in K
         select (TrialOptions)new GaussianMixtureTrialOptions(k, covariance)).ToList();
}
