using BenchmarkDotNet.Attributes;
using Segmentation.Clustering;
using Segmentation.Clustering.Metrics;

namespace Segmentation.Benchmarks.Clustering;

/// <summary>Exact silhouette on the log-RFM features and on a 20,000-row blob sample; compare with bench/clustering/sklearn_bench_part_b.py.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class SilhouetteBenchmarks
{
    private static readonly SilhouetteOptions Serial = new(MaxDegreeOfParallelism: 1);
    private Matrix logRfm = null!;
    private int[] logRfmLabels = null!;
    private Dictionary<string, int[]> sweepLabels = null!;
    private PairwiseDistances cache = null!;
    private Matrix blobs = null!;
    private int[] blobLabels = null!;

    /// <summary>Labelings of the log-RFM fixture spanning the sweep's k range (2..12) and cluster balance.</summary>
    public static IEnumerable<string> Labelings() => ["kmeans-k2", "kmeans-k4", "kmeans-k10", "single-k10"];

    [GlobalSetup]
    public void Setup()
    {
        (logRfm, logRfmLabels) = ClusteringPartBData.LogRfm();
        sweepLabels = Labelings().ToDictionary(name => name, name => ClusteringPartBData.LogRfm(name).Labels);
        cache = PairwiseDistances.Compute(logRfm);
        (blobs, blobLabels) = ClusteringPartBData.BlobsSample();
    }

    /// <summary>silhouette_score(X, labels) on log-RFM, distances on the fly.</summary>
    [Benchmark]
    public double SilhouetteLogRfm() => Silhouette.Score(logRfm, logRfmLabels);

    /// <summary>One sweep trial's silhouette: log-RFM, on the fly, single-threaded (the sweep runs trials in parallel instead).</summary>
    [Benchmark]
    [ArgumentsSource(nameof(Labelings))]
    public double SilhouetteLogRfmSerial(string labeling) => Silhouette.Score(logRfm, sweepLabels[labeling], Serial);

    /// <summary>The same from a precomputed distance cache (the sweep reuses one per matrix).</summary>
    [Benchmark]
    public double SilhouetteLogRfmCached() => Silhouette.Score(cache, logRfmLabels);

    /// <summary>Computing the condensed distance cache itself.</summary>
    [Benchmark]
    public PairwiseDistances PairwiseDistancesLogRfm() => PairwiseDistances.Compute(logRfm);

    /// <summary>silhouette_score on a 20,000-row sample of 200,000 × 8 blobs, 8 clusters.</summary>
    [Benchmark]
    public double SilhouetteBlobs20k() => Silhouette.Score(blobs, blobLabels);

    /// <summary>Davies–Bouldin of one sweep trial (O(n·k·d); should stay far below the silhouette).</summary>
    [Benchmark]
    [ArgumentsSource(nameof(Labelings))]
    public double DaviesBouldinLogRfm(string labeling) => DaviesBouldin.Score(logRfm, sweepLabels[labeling]);

    /// <summary>Calinski–Harabasz of one sweep trial (O(n·k·d)).</summary>
    [Benchmark]
    [ArgumentsSource(nameof(Labelings))]
    public double CalinskiHarabaszLogRfm(string labeling) => CalinskiHarabasz.Score(logRfm, sweepLabels[labeling]);
}
