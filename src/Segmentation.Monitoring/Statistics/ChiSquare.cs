using MathNet.Numerics;

namespace Segmentation.Monitoring.Statistics;

/// <summary>
/// Pearson's chi-square goodness-of-fit test of observed counts against expected shares, as scipy's
/// <c>chisquare(f_obs, f_exp)</c> with <c>f_exp</c> the shares scaled to the observed total; the survival function of
/// chi-square with k − 1 degrees of freedom is the regularized upper incomplete gamma Q(df / 2, x / 2).
/// </summary>
public static class ChiSquare
{
    /// <summary>The statistic Σ (o − e)² / e and its p-value.</summary>
    /// <param name="observed">Counts per category (at least two categories).</param>
    /// <param name="expectedShares">Positive expected share per category; rescaled to sum to the observed total.</param>
    /// <exception cref="ArgumentException">Fewer than two categories, mismatched lengths, or a share that is not positive.</exception>
    public static ChiSquareResult GoodnessOfFit(IReadOnlyList<long> observed, IReadOnlyList<double> expectedShares)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(expectedShares);
        if (observed.Count != expectedShares.Count || observed.Count < 2)
        {
            throw new ArgumentException($"expected two or more categories with one share each, found {observed.Count} counts and {expectedShares.Count} shares", nameof(expectedShares));
        }

        if (expectedShares.Any(s => !(s > 0) || !double.IsFinite(s)))
        {
            throw new ArgumentException("every expected share must be a positive number", nameof(expectedShares));
        }

        var total = (double)observed.Sum();
        var shareSum = expectedShares.Sum();
        var statistic = 0.0;
        for (var i = 0; i < observed.Count; i++)
        {
            var expected = expectedShares[i] / shareSum * total;
            var diff = observed[i] - expected;
            statistic += diff * diff / expected;
        }

        return new ChiSquareResult(statistic, observed.Count - 1, Survival(statistic, observed.Count - 1));
    }

    /// <summary>P(X ≥ <paramref name="x"/>) for chi-square with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double Survival(double x, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return x <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, x / 2.0);
    }
}
