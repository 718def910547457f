using Segmentation.Runner.Segments;

namespace Segmentation.Monitoring.Statistics;

/// <summary>
/// The population stability index, defined so anyone can recompute it: edges are the distinct values among the
/// reference's 10 %, 20 % … 90 % quantiles (numpy's linear interpolation); bins are (−∞, e1], (e1, e2], …, (ek, ∞); each
/// sample's bin shares are floored at <see cref="ShareFloor"/>; PSI = Σ (cur − ref) · ln(cur / ref).
/// </summary>
public static class PopulationStability
{
    /// <summary>The least share a bin (or segment) takes, so an empty one contributes a large but finite term.</summary>
    public const double ShareFloor = 0.0001;

    /// <summary>The PSI of <paramref name="current"/> against <paramref name="reference"/>, with the bins it used.</summary>
    /// <param name="reference">The training sample (finite values, at least one).</param>
    /// <param name="current">The new sample (finite values, at least one).</param>
    /// <exception cref="ArgumentException">An empty sample or a non-finite value.</exception>
    public static PsiResult Compute(IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var sortedReference = SortedSample.Of(reference, nameof(reference));
        var sortedCurrent = SortedSample.Of(current, nameof(current));
        var edges = Edges(sortedReference);
        var referenceShares = Shares(sortedReference, edges);
        var currentShares = Shares(sortedCurrent, edges);
        return new PsiResult(edges, referenceShares, currentShares, Index(referenceShares, currentShares));
    }

    /// <summary>The distinct deciles (10 % … 90 %) of ascending <paramref name="sorted"/>, ascending.</summary>
    public static double[] Edges(IReadOnlyList<double> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return [.. Enumerable.Range(1, 9).Select(k => Quantile.Of(sorted, 10.0 * k)).Distinct().Order()];
    }

    /// <summary>Floors both share vectors at <see cref="ShareFloor"/> and sums (cur − ref) · ln(cur / ref).</summary>
    /// <remarks>The same formula serves the segment shares, so feature and segment PSI read on one scale.</remarks>
    public static double Index(IReadOnlyList<double> referenceShares, IReadOnlyList<double> currentShares)
    {
        ArgumentNullException.ThrowIfNull(referenceShares);
        ArgumentNullException.ThrowIfNull(currentShares);
        if (referenceShares.Count != currentShares.Count)
        {
            throw new ArgumentException($"{referenceShares.Count} reference shares for {currentShares.Count} current shares", nameof(currentShares));
        }

        var sum = 0.0;
        for (var i = 0; i < referenceShares.Count; i++)
        {
            var r = Math.Max(referenceShares[i], ShareFloor);
            var c = Math.Max(currentShares[i], ShareFloor);
            sum += (c - r) * Math.Log(c / r);
        }

        return sum;
    }

    // Bin i holds the values in (e[i-1], e[i]]: the count of values <= e[i] minus those <= e[i-1], by binary search.
    private static double[] Shares(double[] sorted, double[] edges)
    {
        var shares = new double[edges.Length + 1];
        var below = 0;
        for (var i = 0; i < edges.Length; i++)
        {
            var upTo = UpperBound(sorted, edges[i]);
            shares[i] = (double)(upTo - below) / sorted.Length;
            below = upTo;
        }

        shares[^1] = (double)(sorted.Length - below) / sorted.Length;
        return shares;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
