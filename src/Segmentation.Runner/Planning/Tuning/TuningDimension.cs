namespace Segmentation.Runner.Planning.Tuning;

/// <summary>
/// One axis of the tuner's search space. Numeric axes carry their (log-)range; categorical axes their choices. An axis
/// with a <paramref name="Condition"/> exists only for trials of that algorithm — the "tree" of the Tree-structured Parzen Estimator.
/// </summary>
/// <param name="Name">Readable name, e.g. <c>scaler</c> or <c>dbscan.eps</c>.</param>
/// <param name="Condition">The algorithm the axis belongs to, or null for axes every trial has (algorithm, scaler, reduction).</param>
/// <param name="IsNumeric">True for integers and reals, false for categories.</param>
/// <param name="Low">Numeric lower bound (in log space for a log-scaled parameter).</param>
/// <param name="High">Numeric upper bound (in log space for a log-scaled parameter).</param>
/// <param name="Choices">The categories, in config order (empty for numeric axes).</param>
public sealed record TuningDimension(string Name, string? Condition, bool IsNumeric, double Low, double High, IReadOnlyList<string> Choices)
{
    /// <summary>A categorical axis.</summary>
    public static TuningDimension Categorical(string name, string? condition, IReadOnlyList<string> choices) => new(name, condition, false, 0, 0, choices);

    /// <summary>A numeric axis over [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static TuningDimension Numeric(string name, string? condition, double low, double high) => new(name, condition, true, low, high, []);
}
