using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Scaling;
using Segmentation.Core.Errors;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Algorithms.Agglomerative;
using Segmentation.Runner.Algorithms.KMeans;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Data;
using Segmentation.Runner.SingleFit;

namespace Segmentation.Runner.Tests.SingleFit;

public sealed class SingleFitRunnerTests
{
    // Three well-separated blobs of 30 rows each; rows i, i+3, i+6... belong to blob i % 3.
    private static readonly TrainingData Blobs = new SyntheticDataSource(90).Load(null!, "", CancellationToken.None);

    [Theory]
    [InlineData("kmeans")]
    [InlineData("gmm")]
    [InlineData("agglomerative")]
    public void Fit_ThreeBlobsWithK3_RecoversTheBlobsWithSweepMetrics(string algorithm)
    {
        var result = SingleFitRunner.Fit(Blobs, Request(algorithm, ScalerNames.Standard, ReductionChoice.None, 7, ("k", 3)));

        for (var i = 3; i < 90; i++)
        {
            Assert.Equal(result.Labels[i % 3], result.Labels[i]);
        }

        Assert.Equal(3, result.Labels.Take(3).Distinct().Count());
        Assert.Equal(3.0, result.Metrics[MetricNames.ClusterCount]);
        Assert.InRange(result.Metrics[MetricNames.Silhouette], 0.8, 1.0);
        Assert.True(result.Metrics.ContainsKey(MetricNames.DaviesBouldin));
        Assert.True(result.Metrics.ContainsKey(MetricNames.CalinskiHarabasz));
        Assert.True(result.Metrics.ContainsKey(MetricNames.Inertia));
        Assert.True(result.Metrics.ContainsKey(MetricNames.FitSeconds));
        Assert.Equal([30, 30, 30], result.Sizes.Counts);
        Assert.Equal(Blobs.CustomerIds, result.CustomerIds);
        Assert.Equal(Blobs.FeatureNames, result.FeatureNames);
    }

    [Fact]
    public void Fit_Gmm_ReportsBicAndAic()
    {
        var result = SingleFitRunner.Fit(Blobs, Request("gmm", ScalerNames.Standard, ReductionChoice.None, 7, ("k", 3), ("covariance", "diag")));

        Assert.True(result.Metrics.ContainsKey(MetricNames.Bic));
        Assert.True(result.Metrics.ContainsKey(MetricNames.Aic));
        Assert.Equal("gmm-k3-diag-standard", result.Trial.RunName);
    }

    [Fact]
    public void Fit_DbscanWithSmallEps_FindsTheBlobsAndNoNoise()
    {
        var result = SingleFitRunner.Fit(Blobs, Request("dbscan", ScalerNames.Standard, ReductionChoice.None, 7, ("eps", 0.5), ("min_samples", 3)));

        Assert.Equal(3.0, result.Metrics[MetricNames.ClusterCount]);
        Assert.Equal(0.0, result.Metrics[MetricNames.NoiseFraction]);
        Assert.Equal("dbscan-eps0.5-min3-standard", result.Trial.RunName);
    }

    [Fact]
    public void Fit_SameRequestTwice_GivesTheSameLabelsAndTrialHash()
    {
        var request = Request("kmeans", ScalerNames.Log1pStandard, new ReductionChoice(2, null), 11, ("k", 4));

        var first = SingleFitRunner.Fit(Blobs, request);
        var second = SingleFitRunner.Fit(Blobs, request);

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Trial.Hash, second.Trial.Hash);
        Assert.Equal(first.Metrics[MetricNames.Inertia], second.Metrics[MetricNames.Inertia]);
    }

    [Fact]
    public void BuildTrial_KMeansWithPca_HasTheSweepParamsWithTheGivenSeed()
    {
        var trial = SingleFitRunner.BuildTrial(Blobs, Request("kmeans", ScalerNames.Robust, new ReductionChoice(2, null), 42, ("k", 5)));

        Assert.Equal("kmeans-k5-robust-pca2", trial.RunName);
        Assert.Equal(42, trial.Seed);
        Assert.Equal(
            ["algorithm=kmeans", "k=5", "scaler=robust", "reduction=pca", "pca.components=2", "kmeans.algorithm=lloyd", "kmeans.n_init=10",
             "features=recency_days,frequency,monetary", "seed=42"],
            trial.Params.Select(p => p.Key + "=" + p.Value));
        Assert.Equal(64, trial.Hash.Length);
    }

    [Fact]
    public void BuildTrial_DifferentSeed_ChangesTheHash()
    {
        var a = SingleFitRunner.BuildTrial(Blobs, Request("kmeans", ScalerNames.Robust, ReductionChoice.None, 1, ("k", 5)));
        var b = SingleFitRunner.BuildTrial(Blobs, Request("kmeans", ScalerNames.Robust, ReductionChoice.None, 2, ("k", 5)));

        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Theory]
    [InlineData("kmeans", 1, "standard", "lloyd", "full", "ward", 0.5, "k must be at least 2")]
    [InlineData("spectral", 3, "standard", "lloyd", "full", "ward", 0.5, "kmeans, gmm, agglomerative, dbscan")]
    [InlineData("kmeans", 3, "zscore", "lloyd", "full", "ward", 0.5, "log1p+standard")]
    [InlineData("kmeans", 3, "standard", "hartigan", "full", "ward", 0.5, "lloyd, elkan")]
    [InlineData("gmm", 3, "standard", "lloyd", "banded", "ward", 0.5, "full, diag, spherical, tied")]
    [InlineData("agglomerative", 3, "standard", "lloyd", "full", "centroid", 0.5, "ward, complete, average, single")]
    [InlineData("dbscan", 0, "standard", "lloyd", "full", "ward", 0.0, "eps must be a finite number greater than 0")]
    [InlineData("dbscan", 0, "standard", "lloyd", "full", "ward", -1.0, "eps must be a finite number greater than 0")]
    public void Validate_BadSetting_ThrowsNamingTheAllowedValues(
        string algorithm, int k, string scaler, string variant, string covariance, string linkage, double eps, string expected)
    {
        (string, object)[] values = algorithm switch
        {
            "kmeans" => [("k", k), ("algorithm", variant)],
            "gmm" => [("k", k), ("covariance", covariance)],
            "agglomerative" => [("k", k), ("linkage", linkage)],
            "dbscan" => [("eps", eps)],
            _ => [],
        };

        var error = Assert.Throws<UsageException>(() => Request(algorithm, scaler, ReductionChoice.None, 1, values).Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_KAboveRowCount_ThrowsUsageException()
    {
        var error = Assert.Throws<UsageException>(() => SingleFitRunner.Fit(Blobs, Request("kmeans", ScalerNames.Standard, ReductionChoice.None, 1, ("k", 95))));

        Assert.Equal("k must be at most the number of customers (90) for kmeans, found 95", error.Message);
    }

    [Fact]
    public void Fit_KAboveTheRule_ThrowsUsageExceptionBeforeFitting()
    {
        var error = Assert.Throws<UsageException>(() => SingleFitRunner.Fit(Blobs, Request("kmeans", ScalerNames.Standard, ReductionChoice.None, 1, ("k", 500))));

        Assert.Equal("k must be at most 100 for kmeans, found 500", error.Message);
    }

    [Theory]
    [InlineData("PCA needs at least 1 component, found 0", 0, null)]
    [InlineData("PCA share of variance must be strictly between 0 and 1, found 1", null, 1.0)]
    public void Validate_BadReduction_ThrowsUsageException(string expected, int? components, double? variance)
    {
        var request = Request("kmeans", ScalerNames.Standard, new ReductionChoice(components, variance), 1, ("k", 3));

        Assert.Equal(expected, Assert.Throws<UsageException>(request.Validate).Message);
    }

    [Fact]
    public void Create_UnknownParameterName_ThrowsInsteadOfIgnoringIt()
    {
        var error = Assert.Throws<UsageException>(() => Request("dbscan", ScalerNames.Standard, ReductionChoice.None, 1, ("min_sample", 3)));

        Assert.Equal("unknown parameter 'min_sample' for dbscan; allowed: eps, min_samples", error.Message);
    }

    [Fact]
    public void Create_TypedOptions_EqualTheOnesReadFromValues()
    {
        var read = Request("agglomerative", ScalerNames.Standard, ReductionChoice.None, 1, ("k", 4), ("linkage", "single"));

        Assert.Equal(new AgglomerativeTrialOptions(4, Linkage.Single), read.Options);
        Assert.Equal(new KMeansTrialOptions(5, 10, KMeansAlgorithm.Lloyd), Request("kmeans", ScalerNames.Standard, ReductionChoice.None, 1, ("k", 5)).Options);
    }

    private static SingleFitRequest Request(string algorithm, string scaler, ReductionChoice reduction, int seed, params (string Name, object Value)[] values) =>
        SingleFitRequest.Create(algorithm, new ParameterValues(values.Select(v => new KeyValuePair<string, object>(v.Name, v.Value))), scaler, reduction, seed);
}
