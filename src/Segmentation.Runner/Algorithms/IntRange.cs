using System.Globalization;
using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Algorithms;

/// <summary>An integer hyperparameter from <paramref name="Min"/> to <paramref name="Max"/> inclusive.</summary>
/// <param name="Name">The config key.</param>
/// <param name="ParamKey">The flat MLflow param key.</param>
/// <param name="Min">The smallest allowed value.</param>
/// <param name="Max">The largest allowed value.</param>
/// <param name="Default">The value when left out; null when required.</param>
public sealed record IntRange(string Name, string ParamKey, int Min, int Max, int? Default) : ParameterConstraint(Name, ParamKey)
{
    /// <inheritdoc/>
    public override object? DefaultValue => Default;

    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"an integer from {Min} to {Max}");

    /// <summary>The value as a trial logs it (invariant digits).</summary>
    public string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Binds one value, a list or a <c>{from, to, step}</c> range; errors name the file, line and key path.</summary>
    public IReadOnlyList<int> Bind(ConfigMapping section) =>
        ConfigReads.IntChoices(section, Name, Min, Max, Default is { } d ? [d] : null);

    /// <summary>Returns <paramref name="value"/> when allowed; otherwise a <see cref="UsageException"/> naming the parameter and the bound.</summary>
    public int Check(int value, string algorithm) =>
        value < Min ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{Name} must be at least {Min} for {algorithm}, found {value}"))
        : value > Max ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{Name} must be at most {Max} for {algorithm}, found {value}"))
        : value;

    /// <summary>Reads and checks the value from <paramref name="values"/> (an int, or its invariant text), or the default.</summary>
    public int Read(ParameterValues values, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Find(Name) switch
        {
            null => Default ?? throw ParameterValues.Missing(Name, algorithm, Describe()),
            int i => Check(i, algorithm),
            string s when int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => Check(parsed, algorithm),
            var other => throw ParameterValues.WrongType(Name, algorithm, Describe(), other),
        };
    }
}
