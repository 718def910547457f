namespace Segmentation.Clustering.Scaling;

/// <summary>The scaler names accepted in configs and logged as params.</summary>
public static class ScalerNames
{
    /// <summary>Leave the column unchanged.</summary>
    public const string None = "none";

    /// <summary>Zero mean, unit variance (scikit-learn StandardScaler).</summary>
    public const string Standard = "standard";

    /// <summary>Subtract the median, divide by the 25–75 % interquartile range (scikit-learn RobustScaler).</summary>
    public const string Robust = "robust";

    /// <summary>Map [min, max] to [0, 1] (scikit-learn MinMaxScaler).</summary>
    public const string MinMax = "minmax";

    /// <summary>Divide by the maximum absolute value (scikit-learn MaxAbsScaler).</summary>
    public const string MaxAbs = "maxabs";

    /// <summary>log(1 + x); negative input is an error.</summary>
    public const string Log1p = "log1p";

    /// <summary>log(1 + x) followed by standardisation.</summary>
    public const string Log1pStandard = "log1p+standard";

    /// <summary>Yeo-Johnson power transform with fitted lambda, then standardisation (scikit-learn PowerTransformer).</summary>
    public const string Power = "power";

    /// <summary>Every accepted name, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [None, Standard, Robust, MinMax, MaxAbs, Log1p, Log1pStandard, Power];

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="paramName"/> and the allowed values when <paramref name="name"/> is unknown.</summary>
    public static void Validate(string? name, string paramName)
    {
        if (name is null || !All.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Unknown scaler '{name}'; expected one of: {string.Join(", ", All)}.", paramName);
        }
    }
}
