using System.Buffers.Binary;
using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Stability;

/// <summary>
/// Bootstrap stability against a reference clustering (Hennig 2007, "Cluster-wise assessment of cluster stability",
/// Computational Statistics &amp; Data Analysis 52; in the adjusted-Rand form scikit-learn users compute by hand): the
/// model is refitted on B bootstrap resamples of the rows, each refit predicts every row, and each prediction is scored
/// against the reference labels with the adjusted Rand index.
/// </summary>
/// <remarks>
/// Resample b draws its rows from its own generator seeded by (seed, b), so the result is the same in any order and
/// on any number of cores; the refits run in parallel.
/// </remarks>
public static class RefitStability
{
    /// <summary>Mean and minimum ARI of <paramref name="bootstraps"/> refits against <paramref name="reference"/>.</summary>
    /// <param name="x">The rows the reference labels belong to (finite, at least 2).</param>
    /// <param name="reference">The label of every row of <paramref name="x"/> (−1 is a label like any other).</param>
    /// <param name="fit">Fits the algorithm on a resample and returns the fitted model; must be deterministic for the result to be.</param>
    /// <param name="bootstraps">Number of resamples, at least 1.</param>
    /// <param name="seed">Seed of the resample draws.</param>
    /// <param name="maxParallel">Refits running at once, at least 1.</param>
    /// <exception cref="ArgumentException">Bad data or options, or a model that predicts the wrong number of labels.</exception>
    public static RefitStabilityResult Compute(Matrix x, ReadOnlySpan<int> reference, Func<Matrix, IClusterModel> fit, int bootstraps, int seed, int maxParallel = 1)
    {
        ArgumentNullException.ThrowIfNull(fit);
        InputChecks.Matrix(x, nameof(x));
        if (reference.Length != x.Rows)
        {
            throw new ArgumentException(InputChecks.Invariant($"reference has {reference.Length} labels for {x.Rows} rows."), nameof(reference));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(bootstraps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        var labels = reference.ToArray();
        var scores = new double[bootstraps];
        Parallel.For(0, bootstraps, new ParallelOptions { MaxDegreeOfParallelism = maxParallel }, b =>
        {
            var model = fit(Resample(x, ResampleSeed(seed, b)));
            var predicted = model.Predict(x);
            scores[b] = AdjustedRandIndex.Score(labels, predicted);
        });
        return new RefitStabilityResult(scores.Average(), scores.Min(), scores);
    }

    /// <summary>The seed of resample <paramref name="index"/>: a SplitMix64 step of (seed, index), independent of scheduling.</summary>
    public static int ResampleSeed(int seed, int index)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, z ^ (z >> 31));
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(bytes) & 0x7FFF_FFFF);
    }

    /// <summary>n rows drawn with replacement from the n rows of <paramref name="x"/> with a seeded generator.</summary>
    public static Matrix Resample(Matrix x, int seed)
    {
        ArgumentNullException.ThrowIfNull(x);
        var random = new Random(seed);
        var resample = new Matrix(x.Rows, x.Cols);
        for (var p = 0; p < x.Rows; p++)
        {
            x.RowReadOnly(random.Next(x.Rows)).CopyTo(resample.Row(p));
        }

        return resample;
    }
}
