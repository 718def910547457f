namespace Segmentation.Data.Configuration;

/// <summary>
/// A YAML mapping with typed, located reads. Options types bind themselves from one of these and call
/// <see cref="RejectUnknownKeys"/> so a misspelt key fails at load time instead of being ignored.
/// </summary>
public sealed class ConfigMapping : ConfigValue
{
    private readonly List<KeyValuePair<string, ConfigValue>> _entries;

    public ConfigMapping(IEnumerable<KeyValuePair<string, ConfigValue>> entries, string source, int line, int column, string path)
        : base(source, line, column, path)
    {
        _entries = entries.ToList();
    }

    /// <summary>The entries in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigValue>> Entries => _entries;

    /// <summary>The keys in document order.</summary>
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public override string KindName => "a mapping";

    /// <summary>An empty mapping standing for an absent section.</summary>
    public static ConfigMapping Empty(string source, string path) => new([], source, 0, 0, path);

    /// <summary>The raw node under <paramref name="key"/>, or null when absent (an explicit null counts as absent).</summary>
    public ConfigValue? Get(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                return entry.Value is ConfigScalar { IsNull: true } ? null : entry.Value;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="key"/> is present with a non-null value.</summary>
    public bool Has(string key) => Get(key) is not null;

    /// <summary>The scalar under <paramref name="key"/>, or null when absent.</summary>
    public ConfigScalar? GetScalar(string key) => Get(key) switch
    {
        null => null,
        ConfigScalar scalar => scalar,
        var other => throw other.Error($"expected a single value, found {other.KindName}"),
    };

    /// <summary>The nested mapping under <paramref name="key"/>, or an empty one when absent.</summary>
    public ConfigMapping GetMapping(string key) => Get(key) switch
    {
        null => Empty(Source, Child(key)),
        ConfigMapping mapping => mapping,
        var other => throw other.Error($"expected a mapping of keys, found {other.KindName}"),
    };

    /// <summary>The list under <paramref name="key"/>, or null when absent. A single scalar reads as a one-item list.</summary>
    public ConfigSequence? GetSequence(string key) => Get(key) switch
    {
        null => null,
        ConfigSequence sequence => sequence,
        ConfigScalar scalar => new ConfigSequence([scalar], scalar.Source, scalar.Line, scalar.Column, scalar.Path),
        var other => throw other.Error($"expected a list, found {other.KindName}"),
    };

    public string GetString(string key, string fallback) => GetScalar(key)?.Text ?? fallback;

    public string? GetString(string key) => GetScalar(key)?.Text;

    public bool GetBool(string key, bool fallback) => GetScalar(key)?.AsBool() ?? fallback;

    public int GetInt(string key, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        GetScalar(key)?.AsInt(min, max) ?? fallback;

    public double GetDouble(string key, double fallback, double min = double.MinValue, double max = double.MaxValue) =>
        GetScalar(key)?.AsDouble(min, max) ?? fallback;

    public string GetChoice(string key, string fallback, IReadOnlyCollection<string> allowed) =>
        GetScalar(key)?.AsChoice(allowed) ?? fallback;

    /// <summary>A list of strings; a non-empty list is required when the key is present.</summary>
    public IReadOnlyList<string>? GetStringList(string key)
    {
        var sequence = GetSequence(key);
        if (sequence is null)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            throw sequence.Error("expected at least one value, found an empty list");
        }

        return sequence.Scalars().Select(s => s.Text).ToList();
    }

    /// <summary>Fails at the first key not in <paramref name="allowed"/>, listing the allowed keys.</summary>
    public void RejectUnknownKeys(params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        foreach (var entry in _entries)
        {
            if (!allowed.Contains(entry.Key, StringComparer.Ordinal))
            {
                throw new ConfigException(
                    $"unknown key '{entry.Key}'; allowed keys here: {string.Join(", ", allowed)}",
                    entry.Value.Source, entry.Value.Line, entry.Value.Column, Child(entry.Key));
            }
        }
    }

    /// <summary>The dotted path of a child key.</summary>
    public string Child(string key) => Path.Length == 0 ? key : Path + "." + key;

    internal override ConfigValue WithPath(string path) =>
        new ConfigMapping(
            _entries.Select(e => new KeyValuePair<string, ConfigValue>(e.Key, e.Value.WithPath(path.Length == 0 ? e.Key : path + "." + e.Key))),
            Source, Line, Column, path);
}
