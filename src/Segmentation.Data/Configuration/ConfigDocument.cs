using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Segmentation.Data.Configuration;

/// <summary>
/// Loads YAML configuration files into located <see cref="ConfigValue"/> trees and layers them:
/// built-in defaults &lt; params.yaml &lt; sweep config &lt; environment &lt; command-line flags.
/// </summary>
public static class ConfigDocument
{
    /// <summary>Reads and parses a YAML file; a missing file or a syntax error is a <see cref="ConfigException"/>.</summary>
    public static ConfigMapping Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ConfigException($"configuration file not found: {path}");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The deepest nesting a config may have; real configs use five or six levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses YAML text; <paramref name="source"/> names it in errors. An empty document is an empty mapping.</summary>
    public static ConfigMapping Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return ConfigMapping.Empty(source, "");
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, source, "", 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                throw new ConfigException("expected one YAML document, found several", source, (int)second.Start.Line, (int)second.Start.Column, null);
            }

            return root switch
            {
                ConfigMapping mapping => mapping,
                ConfigScalar { IsNull: true } => ConfigMapping.Empty(source, ""),
                _ => throw root.Error($"expected a mapping of keys at the top level, found {root.KindName}"),
            };
        }
        catch (YamlException ex)
        {
            // YamlDotNet wraps the scanner's message; the innermost one says what was expected.
            var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            throw new ConfigException("invalid YAML: " + message, source, (int)ex.Start.Line, (int)ex.Start.Column, null);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (instead of a YamlException) on some unterminated flow collections.
            var at = parser.Current?.Start;
            throw new ConfigException(
                "invalid YAML: unterminated or malformed [ ] or { } collection", source, (int)(at?.Line ?? 0), (int)(at?.Column ?? 0), null);
        }
    }

    /// <summary>
    /// Layers <paramref name="overlay"/> over <paramref name="baseline"/>: mappings merge key by key, anything else in the
    /// overlay replaces the baseline value. Each value keeps the file and line it came from.
    /// </summary>
    public static ConfigMapping Merge(ConfigMapping baseline, ConfigMapping overlay)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(overlay);
        var merged = baseline.Entries.ToList();
        foreach (var (key, value) in overlay.Entries)
        {
            var index = merged.FindIndex(e => e.Key == key);
            if (index < 0)
            {
                merged.Add(new(key, value));
            }
            else if (merged[index].Value is ConfigMapping baseChild && value is ConfigMapping overlayChild)
            {
                merged[index] = new(key, Merge(baseChild, overlayChild));
            }
            else
            {
                merged[index] = new(key, value);
            }
        }

        return new ConfigMapping(merged, overlay.Source, overlay.Line, overlay.Column, baseline.Path);
    }

    /// <summary>
    /// Sets one scalar at a dotted key path (e.g. <c>tracking.uri</c>) from a non-file source such as
    /// "environment MLFLOW_TRACKING_URI" or "--tracking-uri", creating intermediate mappings.
    /// </summary>
    public static ConfigMapping Override(ConfigMapping root, string keyPath, string value, string source)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(keyPath);
        var keys = keyPath.Split('.');
        ConfigValue leaf = new ConfigScalar(value, false, source, 0, 0, keyPath);
        for (var i = keys.Length - 1; i >= 1; i--)
        {
            var path = string.Join('.', keys, 0, i);
            leaf = new ConfigMapping([new(keys[i], leaf)], source, 0, 0, path);
        }

        return Merge(root, new ConfigMapping([new(keys[0], leaf)], source, 0, 0, ""));
    }

    private static ConfigValue ReadNode(IParser parser, string source, string path, int depth)
    {
        var current = parser.Current ?? throw new ConfigException("unexpected end of YAML", source, 0, 0, path);
        var line = (int)current.Start.Line;
        var column = (int)current.Start.Column;
        if (depth > MaxDepth)
        {
            // Recursion is bounded here so a hostile file is a located error, never a stack overflow.
            throw new ConfigException(FormattableString.Invariant($"YAML nested deeper than {MaxDepth} levels"), source, line, column, null);
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            return new ConfigScalar(scalar.Value, isNull, source, line, column, path);
        }

        if (parser.TryConsume<SequenceStart>(out _))
        {
            var items = new List<ConfigValue>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, source, FormattableString.Invariant($"{path}[{items.Count}]"), depth + 1));
            }

            return new ConfigSequence(items, source, line, column, path);
        }

        if (parser.TryConsume<MappingStart>(out _))
        {
            var entries = new List<KeyValuePair<string, ConfigValue>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                if (!parser.TryConsume<Scalar>(out var key))
                {
                    throw new ConfigException("expected a plain key", source, (int)keyEvent.Start.Line, (int)keyEvent.Start.Column, path);
                }

                var childPath = path.Length == 0 ? key.Value : path + "." + key.Value;
                if (entries.Exists(e => e.Key == key.Value))
                {
                    throw new ConfigException($"duplicate key '{key.Value}'", source, (int)key.Start.Line, (int)key.Start.Column, childPath);
                }

                entries.Add(new(key.Value, ReadNode(parser, source, childPath, depth + 1)));
            }

            return new ConfigMapping(entries, source, line, column, path);
        }

        throw new ConfigException("unsupported YAML (anchors and aliases are not supported)", source, line, column, path);
    }
}
