using System.Globalization;

namespace Segmentation.Runner.Configuration;

/// <summary>One gate condition: a metric must be at least <paramref name="Min"/> and/or at most <paramref name="Max"/>.</summary>
public sealed record GateThreshold(string Metric, double? Min, double? Max)
{
    /// <summary>Whether <paramref name="value"/> passes this condition (NaN never passes).</summary>
    public bool Passes(double value) =>
        !double.IsNaN(value) && (Min is not { } lo || value >= lo) && (Max is not { } hi || value <= hi);

    /// <summary>The condition as text, e.g. <c>silhouette &gt;= 0.35</c>.</summary>
    public override string ToString() => (Min, Max) switch
    {
        ({ } lo, { } hi) => string.Create(CultureInfo.InvariantCulture, $"{lo} <= {Metric} <= {hi}"),
        ({ } lo, null) => string.Create(CultureInfo.InvariantCulture, $"{Metric} >= {lo}"),
        (null, { } hi) => string.Create(CultureInfo.InvariantCulture, $"{Metric} <= {hi}"),
        _ => Metric,
    };
}
