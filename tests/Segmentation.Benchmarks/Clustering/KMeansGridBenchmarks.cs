using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Segmentation.Clustering;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Scaling;

namespace Segmentation.Benchmarks.Clustering;

/// <summary>
/// The KMeans part of the sweep grid (bench/sweep/grid.yaml): k 2..12, n_init 10, Lloyd, one thread per fit, on
/// bench/clustering/data/log_rfm.csv (already log1p'd, so the scalers are the grid's second steps). One operation is
/// the 11 fits of one scaler, as the sweep runs them.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 9)]
public class KMeansGridBenchmarks
{
    /// <summary>The scaler applied to the log-RFM features.</summary>
    [Params(ScalerNames.Standard, ScalerNames.Robust, ScalerNames.MinMax)]
    public string Scaler { get; set; } = ScalerNames.Standard;

    private Matrix data = null!;

    [GlobalSetup]
    public void Setup()
    {
        var raw = ClusteringFitBenchmarks.LoadData("log_rfm");
        string[] names = ["recency", "frequency", "monetary"];
        data = Segmentation.Clustering.Scaling.Scaler.Fit(raw, names, new ScalerSpec(Scaler)).Transform(raw);
    }

    /// <summary>Fits k = 2..12; returns the summed inertia (so the work cannot be elided).</summary>
    [Benchmark]
    public double KMeansK2To12()
    {
        var total = 0.0;
        for (var k = 2; k <= 12; k++)
        {
            total += KMeans.Fit(data, new KMeansOptions { Clusters = k, NInit = 10, Seed = 0, MaxDegreeOfParallelism = 1 }).Inertia;
        }

        return total;
    }
}
