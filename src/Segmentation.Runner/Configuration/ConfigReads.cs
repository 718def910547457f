using System.Globalization;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>Typed reads of the list-or-range values a search space is made of, with located errors.</summary>
internal static class ConfigReads
{
    /// <summary>An error for a required key that is absent, located at its parent mapping.</summary>
    public static ConfigException Missing(ConfigMapping parent, string key, string expected) =>
        new($"missing required key '{key}'; expected {expected}", parent.Source, parent.Line, parent.Column, parent.Child(key));

    /// <summary>
    /// Integers given as one value, a list (<c>[2, 3, 5]</c>) or a range (<c>{from: 2, to: 12, step: 1}</c>, inclusive);
    /// <paramref name="fallback"/> when absent (null fallback = required).
    /// </summary>
    public static IReadOnlyList<int> IntChoices(ConfigMapping parent, string key, int min, int max, IReadOnlyList<int>? fallback)
    {
        var node = parent.Get(key);
        switch (node)
        {
            case null:
                return fallback ?? throw Missing(parent, key, "a value, a list or a range {from, to, step}");
            case ConfigScalar scalar:
                return [scalar.AsInt(min, max)];
            case ConfigSequence sequence:
                if (sequence.Items.Count == 0)
                {
                    throw sequence.Error("expected at least one value, found an empty list");
                }

                return Distinct(sequence, sequence.Scalars().Select(s => (s, s.AsInt(min, max))));
            case ConfigMapping range:
                range.RejectUnknownKeys("from", "to", "step");
                var from = range.GetScalar("from") ?? throw Missing(range, "from", "the first value of the range");
                var to = range.GetScalar("to") ?? throw Missing(range, "to", "the last value of the range (inclusive)");
                var first = from.AsInt(min, max);
                var last = to.AsInt(min, max);
                var step = range.GetInt("step", 1, 1, max);
                if (first > last)
                {
                    throw range.Error(string.Create(CultureInfo.InvariantCulture, $"empty range: from {first} is above to {last}; expected from <= to"));
                }

                var values = new List<int>();
                for (var v = first; v <= last; v += step)
                {
                    values.Add(v);
                }

                return values;
            default:
                throw node.Error($"expected a value, a list or a range {{from, to, step}}, found {node.KindName}");
        }
    }

    /// <summary>Numbers given as one value or a list; <paramref name="fallback"/> when absent (null = required).</summary>
    public static IReadOnlyList<double> DoubleChoices(ConfigMapping parent, string key, double min, double max, IReadOnlyList<double>? fallback)
    {
        var sequence = parent.GetSequence(key);
        if (sequence is null)
        {
            return fallback ?? throw Missing(parent, key, "a number or a list of numbers");
        }

        if (sequence.Items.Count == 0)
        {
            throw sequence.Error("expected at least one value, found an empty list");
        }

        return Distinct(sequence, sequence.Scalars().Select(s => (s, s.AsDouble(min, max))));
    }

    /// <summary>Words from <paramref name="allowed"/>, given as one value or a list; <paramref name="fallback"/> when absent.</summary>
    public static IReadOnlyList<string> Choices(ConfigMapping parent, string key, IReadOnlyCollection<string> allowed, IReadOnlyList<string>? fallback)
    {
        var sequence = parent.GetSequence(key);
        if (sequence is null)
        {
            return fallback ?? throw Missing(parent, key, "one or a list of: " + string.Join(", ", allowed));
        }

        if (sequence.Items.Count == 0)
        {
            throw sequence.Error("expected at least one value, found an empty list; allowed: " + string.Join(", ", allowed));
        }

        return Distinct(sequence, sequence.Scalars().Select(s => (s, s.AsChoice(allowed))));
    }

    private static List<T> Distinct<T>(ConfigSequence sequence, IEnumerable<(ConfigScalar Node, T Value)> items)
        where T : notnull
    {
        var seen = new List<T>();
        foreach (var (node, value) in items)
        {
            if (seen.Contains(value))
            {
                throw node.Error($"duplicate value '{node.Text}' in {sequence.Path}");
            }

            seen.Add(value);
        }

        return seen;
    }
}
