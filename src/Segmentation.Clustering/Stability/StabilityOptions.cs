using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Stability;

/// <summary>How <see cref="BootstrapStability"/> resamples.</summary>
/// <param name="Resamples">Number of bootstrap resamples, each fitted once; at least 2.</param>
/// <param name="Seed">Seed of the resample draws; the same seed gives the same resamples.</param>
public sealed record StabilityOptions(int Resamples = 10, int Seed = 0)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (Resamples < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Resamples), Resamples, InputChecks.Invariant($"Resamples = {Resamples}; stability compares fits, so at least 2 are needed."));
        }
    }
}
