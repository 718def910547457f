using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Algorithms.Dbscan;

namespace Segmentation.Runner.Tests.Algorithms.Dbscan;

public sealed class DbscanDescriptorTests
{
    private static readonly DbscanDescriptor Descriptor = DbscanDescriptor.Instance;

    [Fact]
    public void Bind_EpsAndMinSamples_ExpandsMinSamplesThenEps()
    {
        var space = Descriptor.Bind(Sections.Of("dbscan", "{eps: [0.5, 1.5], min_samples: [5, 10]}"));

        Assert.Equal(
            [new DbscanTrialOptions(0.5, 5), new DbscanTrialOptions(1.5, 5), new DbscanTrialOptions(0.5, 10), new DbscanTrialOptions(1.5, 10)],
            space.Expand());
        Assert.All(space.Expand(), o => Assert.Null(o.Clusters));
        Assert.Equal([new DbscanTrialOptions(0.3, 5)], Descriptor.Bind(Sections.Of("dbscan", "{eps: 0.3}")).Expand());
    }

    [Theory]
    [InlineData("{min_samples: 3}", "search.algorithms.dbscan.eps", "missing required key 'eps'")]
    [InlineData("{eps: [0.5, 0]}", "search.algorithms.dbscan.eps", "eps must be greater than 0")]
    [InlineData("{eps: -1}", "search.algorithms.dbscan.eps", "expected a number from 0 to")]
    [InlineData("{eps: 0.5, min_samples: 0}", "search.algorithms.dbscan.min_samples", "expected an integer from 1 to 100000, found 0")]
    [InlineData("{eps: 0.5, k: 3}", "search.algorithms.dbscan.k", "allowed keys here: eps, min_samples")]
    public void Bind_BadSection_ConfigErrorNamesTheKeyPath(string section, string keyPath, string detail)
    {
        var error = Assert.Throws<ConfigException>(() => Descriptor.Bind(Sections.Of("dbscan", section)));

        Assert.Equal(keyPath, error.KeyPath);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, 5, "0.5", "5")]
    [InlineData(0.1 + 0.2, 3, "0.30000000000000004", "3")]
    [InlineData(1e-7, 100000, "1E-07", "100000")]
    [InlineData(2.0, 1, "2", "1")]
    public void Settings_TypedOptions_GiveTheLoggedRoundTripStrings(double eps, int minSamples, string epsText, string minText)
    {
        var options = new DbscanTrialOptions(eps, minSamples);

        Assert.Equal([new("dbscan.eps", epsText), new("dbscan.min_samples", minText)], options.Settings());
        Assert.Equal(["eps" + epsText, "min" + minText], options.RunNameTokens());
        Assert.Equal(options, Descriptor.Read(new ParameterValues([new("eps", epsText), new("min_samples", minText)])));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void Read_EpsNotAFinitePositiveNumber_IsAUsageError(double eps) =>
        Assert.StartsWith(
            "eps must be a finite number greater than 0, found ",
            Assert.Throws<UsageException>(() => Descriptor.Read(new ParameterValues([new("eps", eps)]))).Message,
            StringComparison.Ordinal);
}
