using Segmentation.Clustering.Decomposition;
using Segmentation.Clustering.Scaling;

namespace Segmentation.Clustering.Pipeline;

/// <summary>Fits the preprocessing half of a pipeline (scaler, then optional PCA) once, so a sweep can share it across k and algorithms.</summary>
public static class Preprocessor
{
    /// <summary>Fits the scalers on <paramref name="x"/>, then PCA on the scaled data when <paramref name="reduction"/> is enabled.</summary>
    public static FittedPreprocessor Fit(Matrix x, IReadOnlyList<string> featureNames, ScalerSpec scaler, ReductionSpec reduction)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(scaler);
        ArgumentNullException.ThrowIfNull(reduction);
        if (featureNames.Distinct(StringComparer.Ordinal).Count() != featureNames.Count)
        {
            throw new ArgumentException($"Feature names must be unique: {string.Join(", ", featureNames)}.", nameof(featureNames));
        }

        reduction.Validate(x.Cols);
        var fittedScaler = Scaler.Fit(x, featureNames, scaler);
        FittedPca? pca = null;
        if (reduction.IsEnabled)
        {
            pca = Pca.Fit(fittedScaler.Transform(x), reduction);
        }

        return new FittedPreprocessor([.. featureNames], fittedScaler, pca);
    }
}
