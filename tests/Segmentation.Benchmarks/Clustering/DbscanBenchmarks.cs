using BenchmarkDotNet.Attributes;
using Segmentation.Clustering;
using Segmentation.Clustering.Density;

namespace Segmentation.Benchmarks.Clustering;

/// <summary>DBSCAN on the log-RFM features; compare with bench/clustering/sklearn_bench_part_b.py.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class DbscanBenchmarks
{
    private Matrix logRfm = null!;

    [GlobalSetup]
    public void Setup() => logRfm = ClusteringPartBData.LogRfm().X;

    /// <summary>DBSCAN(eps=0.3, min_samples=10).fit(X).</summary>
    [Benchmark]
    public DbscanResult DbscanLogRfm() => Dbscan.Fit(logRfm, new DbscanOptions(0.3, 10));
}
