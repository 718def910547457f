namespace Segmentation.Clustering.Metrics;

/// <summary>How <see cref="Silhouette"/> samples and parallelises.</summary>
/// <param name="SampleSize">Score a seeded random subset of this many non-noise points (as scikit-learn's sample_size); null for all.</param>
/// <param name="Seed">Seed of the subset draw; the same seed gives the same subset.</param>
/// <param name="MaxDegreeOfParallelism">−1 for all cores; results are identical for any value.</param>
public sealed record SilhouetteOptions(int? SampleSize = null, int Seed = 0, int MaxDegreeOfParallelism = -1)
{
    /// <summary>All points, all cores.</summary>
    public static SilhouetteOptions Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (SampleSize is < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(SampleSize), SampleSize, InputChecks.Invariant($"SampleSize = {SampleSize}; it must be at least 2 (or null for all points)."));
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be -1 (all cores) or positive.");
        }
    }
}
