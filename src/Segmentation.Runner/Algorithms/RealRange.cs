using System.Globalization;
using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Algorithms;

/// <summary>A finite real hyperparameter above <paramref name="Min"/> (or from it, when inclusive) up to <paramref name="Max"/>.</summary>
/// <param name="Name">The config key.</param>
/// <param name="ParamKey">The flat MLflow param key.</param>
/// <param name="Min">The lower bound.</param>
/// <param name="MinExclusive">Whether <paramref name="Min"/> itself is excluded (eps must be strictly positive).</param>
/// <param name="Max">The upper bound (inclusive); <see cref="double.MaxValue"/> for "any finite number".</param>
/// <param name="Scale">How a sampler should spread values over the range.</param>
/// <param name="Default">The value when left out; null when required.</param>
public sealed record RealRange(string Name, string ParamKey, double Min, bool MinExclusive, double Max, RealScale Scale, double? Default)
    : ParameterConstraint(Name, ParamKey)
{
    /// <inheritdoc/>
    public override object? DefaultValue => Default;

    /// <inheritdoc/>
    public override string Describe() => Max == double.MaxValue
        ? string.Create(CultureInfo.InvariantCulture, $"a finite number {(MinExclusive ? "greater than" : "at least")} {Min}")
        : string.Create(CultureInfo.InvariantCulture, $"a finite number {(MinExclusive ? "above" : "from")} {Min} to {Max}");

    /// <summary>The value as a trial logs it: round-trip ("R") invariant text, so the param parses back to the same double.</summary>
    public string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Binds one value or a list; errors name the file, line and key path.</summary>
    public IReadOnlyList<double> Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var values = ConfigReads.DoubleChoices(section, Name, Min, Max, Default is { } d ? [d] : null);
        if (MinExclusive && values.Contains(Min))
        {
            throw section.GetSequence(Name)!.Error(string.Create(CultureInfo.InvariantCulture, $"{Name} must be greater than {Min}"));
        }

        return values;
    }

    /// <summary>Returns <paramref name="value"/> when allowed; otherwise a <see cref="UsageException"/> naming the parameter and the range.</summary>
    public double Check(double value, string algorithm)
    {
        var allowed = double.IsFinite(value) && (MinExclusive ? value > Min : value >= Min) && value <= Max;
        return allowed ? value : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{Name} must be {Describe()}, found {value}"));
    }

    /// <summary>Reads and checks the value from <paramref name="values"/> (a double, an int, or invariant text), or the default.</summary>
    public double Read(ParameterValues values, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Find(Name) switch
        {
            null => Default ?? throw ParameterValues.Missing(Name, algorithm, Describe()),
            double v => Check(v, algorithm),
            int i => Check(i, algorithm),
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => Check(parsed, algorithm),
            var other => throw ParameterValues.WrongType(Name, algorithm, Describe(), other),
        };
    }
}
