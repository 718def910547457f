using System.Globalization;
using Segmentation.Core.Errors;

namespace Segmentation.Runner.Algorithms;

/// <summary>
/// Values of an algorithm's parameters by name (<c>k</c>, <c>min_samples</c>…), as a command line or a sampler
/// supplies them; the descriptor's constraints check them and fill in defaults.
/// </summary>
public sealed class ParameterValues
{
    private readonly Dictionary<string, object> _values;

    /// <summary>Wraps values keyed by parameter name; ints, doubles, words (or their invariant text) or typed choices.</summary>
    public ParameterValues(IEnumerable<KeyValuePair<string, object>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, object>(values, StringComparer.Ordinal);
    }

    /// <summary>No values: every parameter takes its default.</summary>
    public static ParameterValues Empty { get; } = new([]);

    /// <summary>The parameter names given.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>The value given for <paramref name="name"/>, or null.</summary>
    public object? Find(string name) => _values.GetValueOrDefault(name);

    internal static UsageException Missing(string name, string algorithm, string expected) =>
        new($"{algorithm} needs {name}: {expected}");

    internal static UsageException WrongType(string name, string algorithm, string expected, object value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{name} for {algorithm} must be {expected}, found '{value}'"));
}
