namespace Segmentation.Runner.Segments;

/// <summary>Percentiles of sorted values with numpy's default linear interpolation, as the profile's medians are computed.</summary>
internal static class Quantile
{
    /// <summary>The <paramref name="q"/>-th percentile (0–100) of non-empty, ascending <paramref name="sorted"/>.</summary>
    public static double Of(IReadOnlyList<double> sorted, double q)
    {
        var position = q / 100.0 * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
