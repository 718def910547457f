namespace Segmentation.Monitoring.Statistics;

/// <summary>
/// The two-sample Kolmogorov–Smirnov test: the statistic D = sup |F_ref − F_cur| of the two empirical distribution
/// functions and its asymptotic two-sided p-value, computed as scipy's <c>ks_2samp(method="asymp")</c> does:
/// <c>kstwo.sf(D, round(m·n / (m + n)))</c> (<see cref="KolmogorovDistribution"/>).
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>D and its p-value for two non-empty samples of finite values.</summary>
    /// <exception cref="ArgumentException">An empty sample or a non-finite value.</exception>
    public static KsResult TwoSample(IReadOnlyList<double> reference, IReadOnlyList<double> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var a = SortedSample.Of(reference, nameof(reference));
        var b = SortedSample.Of(current, nameof(current));
        var d = Statistic(a, b);
        var (m, n) = a.Length >= b.Length ? ((double)a.Length, (double)b.Length) : (b.Length, a.Length);
        // numpy rounds half to even; so does Math.Round by default.
        var en = Math.Round(m * n / (m + n));
        return new KsResult(d, KolmogorovDistribution.Survival((int)en, d));
    }

    // Walks both sorted samples once; at each distinct value both step functions jump past every tie, as
    // searchsorted(side="right") evaluates them in scipy.
    private static double Statistic(double[] a, double[] b)
    {
        int i = 0, j = 0;
        var d = 0.0;
        while (i < a.Length && j < b.Length)
        {
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x)
            {
                i++;
            }

            while (j < b.Length && b[j] <= x)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / a.Length) - ((double)j / b.Length)));
        }

        return d;
    }
}
