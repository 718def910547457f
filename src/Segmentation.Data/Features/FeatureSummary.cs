namespace Segmentation.Data.Features;

/// <summary>
/// Summary statistics of one feature column: mean, population standard deviation, min, median, max and skewness
/// (Fisher–Pearson g1 = m3 / m2^1.5 with population moments; 0 when the column is constant).
/// </summary>
public sealed record FeatureSummary(string Feature, double Mean, double Std, double Min, double Median, double Max, double Skew)
{
    /// <summary>Summarises a column (NaN everywhere for an empty one).</summary>
    public static FeatureSummary Of(string feature, ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return new(feature, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / values.Length;
        double m2 = 0, m3 = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }

        m2 /= values.Length;
        m3 /= values.Length;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var skew = m2 > 0 ? m3 / Math.Pow(m2, 1.5) : 0;
        return new(feature, mean, Math.Sqrt(m2), sorted[0], Quantiles.OfSorted(sorted, 0.5), sorted[^1], skew);
    }
}
