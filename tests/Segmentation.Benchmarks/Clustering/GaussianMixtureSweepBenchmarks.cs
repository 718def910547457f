using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Segmentation.Clustering;
using Segmentation.Clustering.Mixture;
using Segmentation.Clustering.Scaling;

namespace Segmentation.Benchmarks.Clustering;

/// <summary>One GMM fit as the sweep runs it (bench/sweep/grid.yaml): full covariance, k-means initialisation, single-threaded, on standardised log-RFM.</summary>
/// <remarks>
/// The data is bench/clustering/data/log_rfm.csv (written by bench/clustering/sklearn_bench.py), standardised like
/// the sweep's log1p+standard trials (the file holds log-RFM already); k spans the sweep's range. Run: dotnet run -c Release --project tests/Segmentation.Benchmarks -- --filter '*GaussianMixtureSweep*'.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 9)]
public class GaussianMixtureSweepBenchmarks
{
    private Matrix data = null!;

    /// <summary>Mixture components.</summary>
    [Params(2, 5, 8, 12)]
    public int K { get; set; } = 5;

    [GlobalSetup]
    public void Setup()
    {
        var raw = ClusteringFitBenchmarks.LoadCsv(Path.Combine(ClusteringFitBenchmarks.DataFolder(), "log_rfm.csv"));
        var names = Enumerable.Range(0, raw.Cols).Select(j => "f" + j).ToArray();
        data = Scaler.Fit(raw, names, new ScalerSpec(ScalerNames.Standard)).Transform(raw);
    }

    /// <summary>GaussianMixture(n_components=k, covariance_type="full"), scikit-learn defaults otherwise, one thread.</summary>
    [Benchmark]
    public double GmmFullSingleThread() =>
        GaussianMixture.Fit(data, new GaussianMixtureOptions { Components = K, Seed = 0, MaxDegreeOfParallelism = 1 }).Score;
}
