using Segmentation.Runner.Segments;

namespace Segmentation.Monitoring.Drift;

/// <summary>Mean, median and missing-value share of one side of a feature.</summary>
/// <param name="Count">Values, missing included.</param>
/// <param name="Mean">Mean of the finite values (NaN when none).</param>
/// <param name="Median">Median of the finite values, numpy's linear interpolation (NaN when none).</param>
/// <param name="MissingShare">Share of values that are missing or not finite.</param>
public sealed record SampleSummary(int Count, double Mean, double Median, double MissingShare)
{
    /// <summary>Summarises <paramref name="values"/> and returns its finite values, ascending.</summary>
    public static (SampleSummary Summary, double[] Finite) Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).Order().ToArray();
        var missing = values.Count == 0 ? 0 : (double)(values.Count - finite.Length) / values.Count;
        return finite.Length == 0
            ? (new SampleSummary(values.Count, double.NaN, double.NaN, missing), finite)
            : (new SampleSummary(values.Count, finite.Average(), Quantile.Of(finite, 50), missing), finite);
    }
}
