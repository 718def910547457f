using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Density;

/// <summary>DBSCAN parameters, named and defaulted as scikit-learn's DBSCAN.</summary>
/// <param name="Eps">Neighbourhood radius (Euclidean, inclusive); must be finite and &gt; 0.</param>
/// <param name="MinSamples">Points within <paramref name="Eps"/>, the point itself included, that make a core point; ≥ 1.</param>
/// <param name="MaxDegreeOfParallelism">−1 for all cores; results are identical for any value.</param>
public sealed record DbscanOptions(double Eps = 0.5, int MinSamples = 5, int MaxDegreeOfParallelism = -1)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad parameter and its value.</summary>
    public void Validate()
    {
        if (!(Eps > 0) || !double.IsFinite(Eps))
        {
            throw new ArgumentOutOfRangeException(nameof(Eps), Eps, InputChecks.Invariant($"eps = {Eps}; it must be a finite number > 0."));
        }

        if (MinSamples < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MinSamples), MinSamples, InputChecks.Invariant($"min_samples = {MinSamples}; it must be >= 1 (the point itself counts)."));
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be -1 (all cores) or positive.");
        }
    }
}
