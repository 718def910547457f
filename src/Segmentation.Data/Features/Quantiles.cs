namespace Segmentation.Data.Features;

/// <summary>Order statistics shared by the outlier policy and the feature summaries.</summary>
public static class Quantiles
{
    /// <summary>
    /// The q-quantile of sorted values by linear interpolation between closest ranks (position q·(n−1), the
    /// default of NumPy and R type 7).
    /// </summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
