using Segmentation.Clustering.Mixture;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Execution;
using MixtureFit = Segmentation.Clustering.Mixture.GaussianMixture;

namespace Segmentation.Runner.Algorithms.GaussianMixture;

/// <summary>Gaussian mixture fitted by EM from a k-means++ start: <c>gmm: {k, covariance}</c>; logs bic and aic.</summary>
public sealed class GaussianMixtureDescriptor : AlgorithmDescriptor<GaussianMixtureTrialOptions>
{
    private GaussianMixtureDescriptor()
    {
    }

    /// <summary>The one instance, registered in <see cref="AlgorithmRegistry.Default"/>.</summary>
    public static GaussianMixtureDescriptor Instance { get; } = new();

    /// <summary>The covariance type, with scikit-learn's names.</summary>
    public static Categorical<CovarianceType> Covariance { get; } = new(
        "covariance",
        "gmm.covariance_type",
        [new("full", CovarianceType.Full), new("diag", CovarianceType.Diag), new("spherical", CovarianceType.Spherical), new("tied", CovarianceType.Tied)],
        "full");

    /// <inheritdoc/>
    public override string Name => "gmm";

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterConstraint> Parameters => [ClusterCount.Parameter, Covariance];

    /// <inheritdoc/>
    public override IReadOnlyList<ClusterOption> ClusterOptions => [ClusterCount.Option, new(Covariance, "GMM covariance", "full")];

    /// <inheritdoc/>
    protected override GaussianMixtureTrialOptions ReadOptions(ParameterValues values) =>
        new(ClusterCount.Parameter.Read(values, Name), Covariance.Read(values, Name));

    /// <inheritdoc/>
    public override FitResult Fit(GaussianMixtureTrialOptions options, int seed, PreprocessedData data)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        var result = MixtureFit.Fit(data.Transformed, new GaussianMixtureOptions
        {
            Components = options.K,
            CovarianceType = options.Covariance,
            Seed = seed,
            MaxDegreeOfParallelism = 1,
        });
        return new FitResult(result.Model, result.Labels, new Dictionary<string, double>
        {
            [MetricNames.Bic] = result.Bic,
            [MetricNames.Aic] = result.Aic,
        });
    }

    /// <inheritdoc/>
    protected override AlgorithmSpace BindSpace(ConfigMapping section) =>
        new GaussianMixtureSpace(ClusterCount.Parameter.Bind(section), Covariance.Bind(section));
}
