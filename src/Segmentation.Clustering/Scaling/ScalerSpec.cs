namespace Segmentation.Clustering.Scaling;

/// <summary>Which scaler to fit: one for all columns, optionally overridden per feature name.</summary>
/// <param name="Default">Scaler for every column not named in <paramref name="PerColumn"/>; see <see cref="ScalerNames"/>.</param>
/// <param name="PerColumn">Optional feature name → scaler name overrides.</param>
public sealed record ScalerSpec(string Default, IReadOnlyDictionary<string, string>? PerColumn = null)
{
    /// <summary>No scaling.</summary>
    public static ScalerSpec None { get; } = new(ScalerNames.None);

    /// <summary>The scaler for a column.</summary>
    public string For(string featureName) =>
        PerColumn is not null && PerColumn.TryGetValue(featureName, out var name) ? name : Default;

    /// <summary>Checks every scaler name, and that per-column overrides name existing features.</summary>
    public void Validate(IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ScalerNames.Validate(Default, nameof(Default));
        if (PerColumn is null)
        {
            return;
        }

        foreach (var (feature, name) in PerColumn)
        {
            ScalerNames.Validate(name, $"{nameof(PerColumn)}[{feature}]");
            if (!featureNames.Contains(feature, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Per-column scaler names feature '{feature}', which is not among the features: {string.Join(", ", featureNames)}.",
                    nameof(PerColumn));
            }
        }
    }

    /// <summary>A short label for run names and params, e.g. "robust" or "standard+2".</summary>
    public override string ToString() =>
        PerColumn is null || PerColumn.Count == 0 ? Default : $"{Default}+{PerColumn.Count}";
}
