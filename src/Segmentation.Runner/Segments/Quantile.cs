namespace Segmentation.Runner.Segments;

/// <summary>
/// Percentiles of sorted values with numpy's default linear interpolation, as the profile's medians and the drift bins
/// are computed.
/// </summary>
public static class Quantile
{
    /// <summary>The <paramref name="q"/>-th percentile (0–100) of non-empty, ascending <paramref name="sorted"/>.</summary>
    public static double Of(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var position = q / 100.0 * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        var t = position - lower;
        var a = sorted[lower];
        var b = sorted[upper];
        // numpy's _lerp: from the nearer end, so the result is bit-equal to np.quantile's (drift edges compare values to it).
        return t >= 0.5 ? b - ((b - a) * (1 - t)) : a + ((b - a) * t);
    }
}
