using System.Globalization;

namespace Segmentation.Clustering.Decomposition;

/// <summary>Optional PCA step: a component count or an explained-variance threshold (scikit-learn's int / float n_components).</summary>
/// <param name="Components">Keep this many components (1..features); null when not reducing by count.</param>
/// <param name="VarianceThreshold">Keep the fewest components whose cumulative explained-variance ratio exceeds this, in (0, 1).</param>
/// <param name="Whiten">Divide each component score by the square root of its explained variance.</param>
public sealed record ReductionSpec(int? Components = null, double? VarianceThreshold = null, bool Whiten = false)
{
    /// <summary>No dimension reduction.</summary>
    public static ReductionSpec None { get; } = new();

    /// <summary>True when a PCA step is configured.</summary>
    public bool IsEnabled => Components is not null || VarianceThreshold is not null;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad key and value.</summary>
    public void Validate(int featureCount)
    {
        if (Components is not null && VarianceThreshold is not null)
        {
            throw new ArgumentException("Give either Components or VarianceThreshold for PCA, not both.", nameof(Components));
        }

        if (Components is { } c && (c < 1 || c > featureCount))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"PCA Components is {c}; expected 1..{featureCount} (the number of features)."),
                nameof(Components));
        }

        if (VarianceThreshold is { } v && !(v > 0 && v < 1))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"PCA VarianceThreshold is {v}; expected a number strictly between 0 and 1."),
                nameof(VarianceThreshold));
        }
    }

    /// <summary>A short label for run names, e.g. "pca3", "pca0.9w" or "nopca".</summary>
    public override string ToString() => (Components, VarianceThreshold) switch
    {
        ({ } c, _) => string.Create(CultureInfo.InvariantCulture, $"pca{c}{(Whiten ? "w" : string.Empty)}"),
        (_, { } v) => string.Create(CultureInfo.InvariantCulture, $"pca{v}{(Whiten ? "w" : string.Empty)}"),
        _ => "nopca",
    };
}
