namespace Segmentation.Clustering.Scaling;

/// <summary>Column statistics computed the way numpy / scikit-learn compute them.</summary>
internal static class Statistics
{
    /// <summary>log(1 + x) accurate for tiny x (the classic u − 1 correction).</summary>
    public static double Log1p(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>Arithmetic mean.</summary>
    public static double Mean(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v;
        }

        return sum / x.Length;
    }

    /// <summary>Population variance (ddof = 0), two-pass with the rounding correction scikit-learn applies.</summary>
    public static double Variance(ReadOnlySpan<double> x)
    {
        var mean = Mean(x);
        var correction = 0.0;
        var squares = 0.0;
        foreach (var v in x)
        {
            var d = v - mean;
            correction += d;
            squares += d * d;
        }

        return Math.Max(0, (squares - (correction * correction / x.Length)) / x.Length);
    }

    /// <summary>Percentile in [0, 100] of already sorted values with numpy's default linear interpolation.</summary>
    public static double PercentileSorted(ReadOnlySpan<double> sorted, double q)
    {
        var position = q / 100.0 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var t = position - lower;
        var a = sorted[lower];
        var b = sorted[upper];

        // numpy's _lerp: interpolate from the nearer end so the result is exact at both ends.
        return t >= 0.5 ? b - ((b - a) * (1 - t)) : a + ((b - a) * t);
    }
}
