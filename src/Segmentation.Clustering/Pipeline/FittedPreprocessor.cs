using System.Globalization;
using Segmentation.Clustering.Decomposition;
using Segmentation.Clustering.Scaling;

namespace Segmentation.Clustering.Pipeline;

/// <summary>Fitted preprocessing: per-column scalers, then optional PCA; remembers the input feature names.</summary>
/// <param name="FeatureNames">Input feature names, in column order.</param>
/// <param name="Scaler">Fitted scalers.</param>
/// <param name="Pca">Fitted PCA, or null when no reduction was configured.</param>
public sealed record FittedPreprocessor(IReadOnlyList<string> FeatureNames, FittedScaler Scaler, FittedPca? Pca)
{
    /// <summary>Number of columns the model sees.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int OutputDimension => Pca?.ComponentCount ?? FeatureNames.Count;

    /// <summary>Scales (and projects) a copy of <paramref name="x"/>, whose columns must be <see cref="FeatureNames"/> in order.</summary>
    public Matrix Transform(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckColumnCount(x.Cols);
        x.Validate(nameof(x));
        var scaled = Scaler.Transform(x);
        return Pca is null ? scaled : Pca.Transform(scaled);
    }

    /// <summary>Scales <paramref name="x"/> after checking its feature names match the training features, in order.</summary>
    public Matrix Transform(Matrix x, IReadOnlyList<string> featureNames)
    {
        CheckFeatureNames(featureNames);
        return Transform(x);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when <paramref name="featureNames"/> differ from the training features.</summary>
    public void CheckFeatureNames(IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        if (!featureNames.SequenceEqual(FeatureNames, StringComparer.Ordinal))
        {
            var missing = FeatureNames.Except(featureNames, StringComparer.Ordinal).ToList();
            var unexpected = featureNames.Except(FeatureNames, StringComparer.Ordinal).ToList();
            var detail = missing.Count == 0 && unexpected.Count == 0
                ? "same names in a different order"
                : $"missing: [{string.Join(", ", missing)}], unexpected: [{string.Join(", ", unexpected)}]";
            throw new ArgumentException(
                $"Input features [{string.Join(", ", featureNames)}] do not match the model's features [{string.Join(", ", FeatureNames)}] ({detail}).",
                nameof(featureNames));
        }
    }

    private void CheckColumnCount(int cols)
    {
        if (cols != FeatureNames.Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Input has {cols} columns; the model expects {FeatureNames.Count}: {string.Join(", ", FeatureNames)}."),
                "x");
        }
    }
}
