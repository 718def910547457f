using Segmentation.Clustering.Mixture;
using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Algorithms.GaussianMixture;

namespace Segmentation.Runner.Tests.Algorithms.GaussianMixture;

public sealed class GaussianMixtureDescriptorTests
{
    private static readonly GaussianMixtureDescriptor Descriptor = GaussianMixtureDescriptor.Instance;

    [Fact]
    public void Bind_KAndCovariances_ExpandsCovarianceThenK()
    {
        var space = Descriptor.Bind(Sections.Of("gmm", "{k: [2, 3], covariance: [tied, full]}"));

        Assert.Equal(
            [new GaussianMixtureTrialOptions(2, CovarianceType.Tied), new GaussianMixtureTrialOptions(3, CovarianceType.Tied),
             new GaussianMixtureTrialOptions(2, CovarianceType.Full), new GaussianMixtureTrialOptions(3, CovarianceType.Full)],
            space.Expand());
        Assert.Equal([new GaussianMixtureTrialOptions(4, CovarianceType.Full)], Descriptor.Bind(Sections.Of("gmm", "{k: 4}")).Expand());
    }

    [Theory]
    [InlineData("{k: 2, covariance: banded}", "search.algorithms.gmm.covariance", "unknown value 'banded'; allowed: full, diag, spherical, tied")]
    [InlineData("{k: 2, covariance_type: full}", "search.algorithms.gmm.covariance_type", "allowed keys here: k, covariance")]
    [InlineData("{k: 1}", "search.algorithms.gmm.k", "expected an integer from 2 to 100, found 1")]
    public void Bind_BadSection_ConfigErrorNamesTheKeyPath(string section, string keyPath, string detail)
    {
        var error = Assert.Throws<ConfigException>(() => Descriptor.Bind(Sections.Of("gmm", section)));

        Assert.Equal(keyPath, error.KeyPath);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CovarianceType.Full, "full")]
    [InlineData(CovarianceType.Diag, "diag")]
    [InlineData(CovarianceType.Spherical, "spherical")]
    [InlineData(CovarianceType.Tied, "tied")]
    public void Settings_TypedOptions_GiveTheLoggedStrings(CovarianceType covariance, string word)
    {
        var options = new GaussianMixtureTrialOptions(3, covariance);

        Assert.Equal([new("gmm.covariance_type", word)], options.Settings());
        Assert.Equal([word], options.RunNameTokens());
        Assert.Equal(options, Descriptor.Read(new ParameterValues([new("k", 3), new("covariance", word)])));
    }

    [Fact]
    public void Read_UnknownCovariance_IsAUsageError() =>
        Assert.Equal(
            "unknown covariance 'banded'; expected one of: full, diag, spherical, tied",
            Assert.Throws<UsageException>(() => Descriptor.Read(new ParameterValues([new("k", 3), new("covariance", "banded")]))).Message);
}
