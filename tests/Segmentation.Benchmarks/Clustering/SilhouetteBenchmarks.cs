using BenchmarkDotNet.Attributes;
using Segmentation.Clustering;
using Segmentation.Clustering.Metrics;

namespace Segmentation.Benchmarks.Clustering;

/// <summary>Exact silhouette on the log-RFM features and on a 20,000-row blob sample; compare with bench/clustering/sklearn_bench_part_b.py.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class SilhouetteBenchmarks
{
    private Matrix logRfm = null!;
    private int[] logRfmLabels = null!;
    private PairwiseDistances cache = null!;
    private Matrix blobs = null!;
    private int[] blobLabels = null!;

    [GlobalSetup]
    public void Setup()
    {
        (logRfm, logRfmLabels) = ClusteringPartBData.LogRfm();
        cache = PairwiseDistances.Compute(logRfm);
        (blobs, blobLabels) = ClusteringPartBData.BlobsSample();
    }

    /// <summary>silhouette_score(X, labels) on log-RFM, distances on the fly.</summary>
    [Benchmark]
    public double SilhouetteLogRfm() => Silhouette.Score(logRfm, logRfmLabels);

    /// <summary>The same from a precomputed distance cache (the sweep reuses one per matrix).</summary>
    [Benchmark]
    public double SilhouetteLogRfmCached() => Silhouette.Score(cache, logRfmLabels);

    /// <summary>Computing the condensed distance cache itself.</summary>
    [Benchmark]
    public PairwiseDistances PairwiseDistancesLogRfm() => PairwiseDistances.Compute(logRfm);

    /// <summary>silhouette_score on a 20,000-row sample of 200,000 × 8 blobs, 8 clusters.</summary>
    [Benchmark]
    public double SilhouetteBlobs20k() => Silhouette.Score(blobs, blobLabels);
}
