using Segmentation.Core.Errors;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Algorithms;

/// <summary>
/// A hyperparameter choosing one of <paramref name="Values"/>: each word maps to exactly one typed value and back, so a
/// word outside the table is an error everywhere and never falls through to some default.
/// </summary>
/// <typeparam name="T">The typed value (an enum such as <c>KMeansAlgorithm</c>).</typeparam>
/// <param name="Name">The config key.</param>
/// <param name="ParamKey">The flat MLflow param key.</param>
/// <param name="Values">Each allowed word and the value it stands for, in the order messages list them.</param>
/// <param name="Default">The word used when left out; null when required.</param>
public sealed record Categorical<T>(string Name, string ParamKey, IReadOnlyList<KeyValuePair<string, T>> Values, string? Default)
    : CategoricalConstraint(Name, ParamKey)
    where T : notnull
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Choices => [.. Values.Select(v => v.Key)];

    /// <inheritdoc/>
    public override object? DefaultValue => Default;

    /// <summary>The typed value of <paramref name="word"/>; a <see cref="UsageException"/> listing the allowed words otherwise.</summary>
    public T Parse(string? word) =>
        TryParse(word, out var value) ? value : throw new UsageException($"unknown {Name} '{word}'; expected one of: {string.Join(", ", Choices)}");

    /// <summary>The word a trial logs for <paramref name="value"/>; a value outside the table is a bug, not a default.</summary>
    public string Format(T value) =>
        Values.FirstOrDefault(v => EqualityComparer<T>.Default.Equals(v.Value, value)).Key
        ?? throw new InvalidOperationException($"{ParamKey}: {value} has no name; allowed: {string.Join(", ", Choices)}");

    /// <summary>Returns <paramref name="value"/> when it is in the table; a <see cref="UsageException"/> otherwise.</summary>
    public T Check(T value) =>
        Values.Any(v => EqualityComparer<T>.Default.Equals(v.Value, value))
            ? value
            : throw new UsageException($"unknown {Name} '{value}'; expected one of: {string.Join(", ", Choices)}");

    /// <summary>Binds one word or a list of words, as typed values; errors name the file, line and key path.</summary>
    public IReadOnlyList<T> Bind(ConfigMapping section) =>
        [.. ConfigReads.Choices(section, Name, Choices, Default is { } d ? [d] : null).Select(w => Parse(w))];

    /// <summary>Reads the word (or typed value) from <paramref name="values"/>, or the default.</summary>
    public T Read(ParameterValues values, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Find(Name) switch
        {
            null => Default is { } d ? Parse(d) : throw ParameterValues.Missing(Name, algorithm, Describe()),
            string word => Parse(word),
            T typed => Check(typed),
            var other => throw ParameterValues.WrongType(Name, algorithm, Describe(), other),
        };
    }

    private bool TryParse(string? word, out T value)
    {
        foreach (var (key, v) in Values)
        {
            if (string.Equals(key, word, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }

        value = default!;
        return false;
    }
}
