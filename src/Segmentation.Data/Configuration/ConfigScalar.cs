using System.Globalization;

namespace Segmentation.Data.Configuration;

/// <summary>A scalar YAML value kept as its text; typed reads happen on access, with located errors.</summary>
public sealed class ConfigScalar : ConfigValue
{
    public ConfigScalar(string text, bool isNull, string source, int line, int column, string path)
        : base(source, line, column, path)
    {
        Text = text;
        IsNull = isNull;
    }

    /// <summary>The scalar's text as written (quotes removed).</summary>
    public string Text { get; }

    /// <summary>True for <c>~</c>, <c>null</c> or an empty plain value.</summary>
    public bool IsNull { get; }

    public override string KindName => "a scalar";

    /// <summary>Reads the value as a boolean (<c>true</c>/<c>false</c>, YAML 1.2 core schema).</summary>
    public bool AsBool() => Text switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => throw Error($"expected true or false, found '{Text}'"),
    };

    /// <summary>Reads the value as an integer within [min, max].</summary>
    public int AsInt(int min = int.MinValue, int max = int.MaxValue)
    {
        if (!int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"expected an integer, found '{Text}'");
        }

        if (value < min || value > max)
        {
            throw Error(FormattableString.Invariant($"expected an integer from {min} to {max}, found {value}"));
        }

        return value;
    }

    /// <summary>Reads the value as a finite number within [min, max].</summary>
    public double AsDouble(double min = double.MinValue, double max = double.MaxValue)
    {
        if (!double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error($"expected a number, found '{Text}'");
        }

        if (value < min || value > max)
        {
            throw Error(FormattableString.Invariant($"expected a number from {min} to {max}, found {value}"));
        }

        return value;
    }

    /// <summary>Reads the value as one of the allowed words (case-sensitive).</summary>
    public string AsChoice(IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (!allowed.Contains(Text, StringComparer.Ordinal))
        {
            throw Error($"unknown value '{Text}'; allowed: {string.Join(", ", allowed)}");
        }

        return Text;
    }

    internal override ConfigValue WithPath(string path) => new ConfigScalar(Text, IsNull, Source, Line, Column, path);
}
