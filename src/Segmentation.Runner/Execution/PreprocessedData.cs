using System.Collections.Concurrent;
using Segmentation.Clustering;
using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Pipeline;
using Segmentation.Runner.Planning;

namespace Segmentation.Runner.Execution;

/// <summary>
/// One fitted (scaler, reduction) and everything derived from its matrix that trials share: pairwise distances for
/// silhouette on wide matrices and for the linkages that need them (computed once, on first use) and one agglomerative
/// tree per linkage (built once, cut for every k).
/// </summary>
public sealed class PreprocessedData
{
    private readonly Lazy<PairwiseDistances> _distances;
    private readonly ConcurrentDictionary<Linkage, Lazy<AgglomerativeTree>> _trees = new();
    private readonly ConcurrentDictionary<Linkage, Lazy<PartitionDistanceSums>> _treeSums = new();

    /// <summary>
    /// The cut of an agglomerative tree whose distance sums give the silhouette of every coarser cut (k up to this): a
    /// typical sweep's k range (2–12, or to 15) in one pass over the pairs instead of one per k. The pass costs about what
    /// one k's silhouette does (the same n²/2 pairs, in more and shorter blocks); a k above it is scored on its own.
    /// </summary>
    public const int TreeSilhouetteClusters = 16;

    /// <summary>
    /// Above this many rows silhouette is scored on a seeded sample of this many (scikit-learn's <c>sample_size</c>): exact
    /// silhouette is O(n²) — 20,000 rows take about 0.3 s per trial on one core, 2 million would take hours — while a
    /// 20,000-row sample estimates it to about ±0.01. The sample size is logged with the trial (<c>silhouette.sample_size</c>).
    /// </summary>
    public const int DefaultExactSilhouetteMaxRows = 20_000;

    /// <summary>
    /// The most rows for which the n²/2 pairwise distance matrix is built: 20,000 rows take 1.6 GB (and an agglomerative
    /// linkage works on a copy, 3.2 GB a tree), so the trials in parallel — one group's matrix and one copy per parallel trial at
    /// most, 9.6 GB for two — stay well inside a 24 GiB machine. Beyond it a
    /// linkage that needs the matrix refuses with a message naming Ward (nn-chain needs no matrix) instead of exhausting memory.
    /// </summary>
    public const int DefaultMaxDistanceMatrixRows = 20_000;

    /// <summary>Wraps a fitted preprocessor and the matrix it produced from the training features.</summary>
    /// <param name="key">The (scaler, reduction) pair.</param>
    /// <param name="preprocessor">The fitted scaler and optional PCA.</param>
    /// <param name="transformed">The training features after preprocessing.</param>
    /// <param name="exactSilhouetteMaxRows">Rows up to which silhouette is exact; above, a seeded sample of this many.</param>
    /// <param name="maxDistanceMatrixRows">Rows up to which the pairwise distance matrix may be built.</param>
    public PreprocessedData(
        PreprocessingKey key, FittedPreprocessor preprocessor, Matrix transformed, int exactSilhouetteMaxRows = DefaultExactSilhouetteMaxRows, int maxDistanceMatrixRows = DefaultMaxDistanceMatrixRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exactSilhouetteMaxRows, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDistanceMatrixRows, 2);
        ArgumentNullException.ThrowIfNull(transformed);
        ExactSilhouetteMaxRows = exactSilhouetteMaxRows;
        MaxDistanceMatrixRows = maxDistanceMatrixRows;
        Key = key;
        Preprocessor = preprocessor;
        Transformed = transformed;
        // Single-threaded: trials already run in parallel, and nested parallelism would only contend for the cores.
        _distances = new Lazy<PairwiseDistances>(() => PairwiseDistances.Compute(Transformed, 1), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The (scaler, reduction) pair.</summary>
    public PreprocessingKey Key { get; }

    /// <summary>The fitted scaler and optional PCA.</summary>
    public FittedPreprocessor Preprocessor { get; }

    /// <summary>The training features after preprocessing.</summary>
    public Matrix Transformed { get; }

    /// <summary>
    /// Above this many columns silhouette reads the cached distances; at or below it computes them on the fly. Measured on
    /// the shipped data's size (4,325 rows, k = 6, one core) once the on-the-fly pass took each pair's distance once: 6
    /// columns 6.7 ms on the fly against 15.2 ms from the cache, 10 columns 10.3 against 15.3, 16 columns 13.3 against
    /// 15.7 — before the cache's own 31 ms and 75 MB per preprocessing. Wider matrices (PCA rarely leaves them) read it.
    /// </summary>
    public const int OnTheFlySilhouetteMaxColumns = 16;

    /// <summary>Rows up to which the pairwise distance matrix may be built.</summary>
    public int MaxDistanceMatrixRows { get; }

    /// <summary>Rows up to which silhouette is exact.</summary>
    public int ExactSilhouetteMaxRows { get; }

    /// <summary>The rows silhouette samples (<see cref="ExactSilhouetteMaxRows"/>), or null when it is exact.</summary>
    public int? SilhouetteSampleSize => Transformed.Rows > ExactSilhouetteMaxRows ? ExactSilhouetteMaxRows : null;

    /// <summary>Pairwise Euclidean distances of <see cref="Transformed"/>, computed once.</summary>
    public PairwiseDistances Distances => _distances.Value;

    /// <summary>
    /// The silhouette of <paramref name="labels"/> on <see cref="Transformed"/>, single-threaded (trials already run in
    /// parallel): exact up to <see cref="ExactSilhouetteMaxRows"/> rows, else on a sample of that many drawn with
    /// <paramref name="seed"/>; distances on the fly for narrow matrices or samples, else from the shared cache, and an exact
    /// cut of this group's tree from the tree's distance sums. Every path equals scikit-learn's score; they differ only in
    /// summation order (≤ 1e-15 here).
    /// </summary>
    /// <param name="labels">A label per row of <see cref="Transformed"/>.</param>
    /// <param name="seed">Draws the sample above <see cref="ExactSilhouetteMaxRows"/> rows.</param>
    /// <param name="treeCutOf">
    /// The linkage when <paramref name="labels"/> cut this group's tree (<see cref="Tree"/>) at most at
    /// <see cref="TreeSilhouetteClusters"/> clusters: an exact silhouette then comes from the tree's shared fine distance
    /// sums (<see cref="PartitionDistanceSums"/>), computed by the first such trial. Chosen by the trial alone, as below.
    /// </param>
    public double Silhouette(ReadOnlySpan<int> labels, int seed = 0, Linkage? treeCutOf = null)
    {
        var sample = SilhouetteSampleSize;
        if (treeCutOf is { } linkage && sample is null && Transformed.Rows > TreeSilhouetteClusters
            && labels.IndexOfAnyExceptInRange(0, TreeSilhouetteClusters - 1) < 0
            && TreeSums(linkage).TryScoreCoarsening(labels) is { } fromTree)
        {
            return fromTree.Score;
        }

        var options = new SilhouetteOptions(SampleSize: sample, Seed: seed, MaxDegreeOfParallelism: 1);
        // Chosen by the width and size alone, never by whether another trial already filled the cache: the path must not
        // depend on scheduling. A sample never needs the n²/2 cache of all rows.
        return Transformed.Cols <= OnTheFlySilhouetteMaxColumns || sample is not null
            ? Clustering.Metrics.Silhouette.Score(Transformed, labels, options)
            : Clustering.Metrics.Silhouette.Score(Distances, labels, options);
    }

    /// <summary>The agglomerative tree for a linkage, built once from the cached distances (Ward from the points).</summary>
    /// <exception cref="ArgumentException">A linkage other than Ward on more than <see cref="MaxDistanceMatrixRows"/> rows.</exception>
    public AgglomerativeTree Tree(Linkage linkage)
    {
        var n = (long)Transformed.Rows;
        if (linkage != Linkage.Ward && n > MaxDistanceMatrixRows)
        {
            throw new ArgumentException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"agglomerative linkage '{linkage.ToString().ToLowerInvariant()}' needs the pairwise distance matrix: {n:N0} customers would take {n * (n - 1) / 2 * 8 * 2 / 1e9:F1} GB (limit {MaxDistanceMatrixRows:N0} customers). Use linkage ward (nn-chain, no matrix), kmeans or gmm, or fewer customers."));
        }

        return _trees.GetOrAdd(
            linkage,
            l => new Lazy<AgglomerativeTree>(
                () => l == Linkage.Ward ? AgglomerativeTree.Build(Transformed, l, 1) : AgglomerativeTree.Build(Distances, l),
                LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    // The distance sums of the tree's cut at TreeSilhouetteClusters. A tree cut labels its clusters 0..k−1, so labels outside
    // 0..TreeSilhouetteClusters−1 (a finer cut) are scored on their own without building these.
    private PartitionDistanceSums TreeSums(Linkage linkage) => _treeSums.GetOrAdd(
        linkage,
        l => new Lazy<PartitionDistanceSums>(
            () => PartitionDistanceSums.Compute(Transformed, Tree(l).Cut(TreeSilhouetteClusters), 1),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Fits the preprocessing of <paramref name="key"/> on the training features.</summary>
    public static PreprocessedData Fit(PreprocessingKey key, Matrix features, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(features);
        var fitted = Clustering.Pipeline.Preprocessor.Fit(features, featureNames, new Clustering.Scaling.ScalerSpec(key.Scaler), key.Reduction.ToSpec());
        return new PreprocessedData(key, fitted, fitted.Transform(features));
    }
}
