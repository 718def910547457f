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

    /// <summary>log(1 + x), then the median / interquartile-range scaling of <see cref="Robust"/>.</summary>
    public const string Log1pRobust = "log1p+robust";

    /// <summary>log(1 + x), then the [0, 1] mapping of <see cref="MinMax"/>.</summary>
    public const string Log1pMinMax = "log1p+minmax";

    /// <summary>log(1 + x), then the Yeo-Johnson transform and standardisation of <see cref="Power"/>.</summary>
    public const string Log1pPower = "log1p+power";

    /// <summary>The separator of a chain: <c>a+b</c> fits <c>a</c>, then <c>b</c> on <c>a</c>'s output.</summary>
    public const char ChainSeparator = '+';

    /// <summary>Every single (non-chain) name and the named chains, in documentation order.</summary>
    /// <remarks>Any chain of <see cref="Steps"/> joined by <see cref="ChainSeparator"/> is accepted as well.</remarks>
    public static IReadOnlyList<string> All { get; } = [None, Standard, Robust, MinMax, MaxAbs, Log1p, Log1pStandard, Power];

    /// <summary>The names a chain is made of: every scaler except <see cref="None"/>, which would be a no-op step.</summary>
    public static IReadOnlyList<string> Steps { get; } = [Standard, Robust, MinMax, MaxAbs, Log1p, Power];

    /// <summary>The chains with a constant of their own (scikit-learn parity fixtures cover each).</summary>
    public static IReadOnlyList<string> NamedChains { get; } = [Log1pStandard, Log1pRobust, Log1pMinMax, Log1pPower];

    /// <summary>What the allowed values are, for error messages.</summary>
    public static string Allowed => $"{string.Join(", ", All)}, or a chain of {string.Join(", ", Steps)} joined by '+' (e.g. {Log1pRobust})";

    /// <summary>Whether <paramref name="name"/> is a single scaler name or a valid chain.</summary>
    public static bool IsValid(string? name) => name is not null && (All.Contains(name, StringComparer.Ordinal) || ChainSteps(name) is not null);

    /// <summary>The steps of a chain (<c>log1p+robust</c> → [log1p, robust]); a single name is a one-step chain.</summary>
    /// <exception cref="ArgumentException">The name is neither a scaler nor a chain of <see cref="Steps"/>.</exception>
    public static IReadOnlyList<string> Split(string name)
    {
        Validate(name, nameof(name));
        return ChainSteps(name) ?? [name];
    }

    /// <summary>The canonical name of a chain given as a list of steps ([log1p, robust] → <c>log1p+robust</c>).</summary>
    public static string Join(IEnumerable<string> steps) => string.Join(ChainSeparator, steps);

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="paramName"/> and the allowed values when <paramref name="name"/> is unknown.</summary>
    public static void Validate(string? name, string paramName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"Unknown scaler '{name}'; expected one of: {Allowed}.", paramName);
        }
    }

    // Null unless the name is two or more known steps; a chain nested inside a chain ("a+b" in a list) is flattened first by the caller.
    private static string[]? ChainSteps(string name)
    {
        var steps = name.Split(ChainSeparator);
        return steps.Length >= 2 && steps.All(s => Steps.Contains(s, StringComparer.Ordinal)) ? steps : null;
    }
}
