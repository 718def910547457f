using BenchmarkDotNet.Attributes;
using Segmentation.Clustering;
using Segmentation.Clustering.Hierarchical;

namespace Segmentation.Benchmarks.Clustering;

/// <summary>Agglomerative tree build plus one cut on the log-RFM features; compare with bench/clustering/sklearn_bench_part_b.py.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AgglomerativeBenchmarks
{
    private Matrix logRfm = null!;

    [GlobalSetup]
    public void Setup() => logRfm = ClusteringPartBData.LogRfm().X;

    /// <summary>AgglomerativeClustering(n_clusters=4, linkage=...).fit(X).</summary>
    [Benchmark]
    [Arguments(Linkage.Ward)]
    [Arguments(Linkage.Complete)]
    [Arguments(Linkage.Average)]
    [Arguments(Linkage.Single)]
    public int[] BuildAndCut(Linkage linkage) => AgglomerativeTree.Build(logRfm, linkage).Cut(4);
}
