using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Segmentation.Core;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>Writes an effective config as YAML, optionally with where each value came from as a trailing comment.</summary>
public static partial class EffectiveConfigWriter
{
    /// <summary>
    /// YAML text of <paramref name="root"/>; with <paramref name="withSources"/> each value ends in <c># file:line</c>,
    /// file paths shown relative to <paramref name="baseDirectory"/> when given.
    /// </summary>
    public static string ToYaml(ConfigMapping root, bool withSources, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var text = new StringBuilder();
        WriteMapping(text, root, 0, withSources ? baseDirectory ?? string.Empty : null);
        return text.ToString();
    }

    /// <summary>Where a value came from: <c>file:line</c> (relative to <paramref name="baseDirectory"/>), or the environment variable / flag.</summary>
    public static string Origin(ConfigValue value, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        var source = value.Source;
        if (Path.IsPathRooted(source))
        {
            source = (string.IsNullOrEmpty(baseDirectory) ? Path.GetFileName(source) : Path.GetRelativePath(baseDirectory, source)).Replace('\\', '/');
        }

        return value.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{source}:{value.Line}") : source;
    }

    private static void WriteMapping(StringBuilder text, ConfigMapping mapping, int indent, string? sources)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            text.Append(' ', indent).Append(key).Append(':');
            WriteValue(text, value, indent, sources);
        }
    }

    private static void WriteValue(StringBuilder text, ConfigValue value, int indent, string? sources)
    {
        switch (value)
        {
            case ConfigScalar scalar:
                text.Append(' ').Append(scalar.IsNull ? "null" : Quote(scalar.Text));
                EndLine(text, scalar, sources);
                break;
            case ConfigSequence sequence when sequence.Items.All(i => i is ConfigScalar):
                text.Append(" [").AppendJoin(", ", sequence.Items.Cast<ConfigScalar>().Select(s => s.IsNull ? "null" : Quote(s.Text))).Append(']');
                EndLine(text, sequence, sources);
                break;
            case ConfigSequence sequence:
                text.Append('\n');
                foreach (var item in sequence.Items)
                {
                    text.Append(' ', indent + 2).Append('-');
                    if (item is ConfigMapping itemMapping)
                    {
                        // The first key goes on the dash line; the rest align under it.
                        var nested = new StringBuilder();
                        WriteMapping(nested, itemMapping, indent + 4, sources);
                        text.Append(' ').Append(nested.ToString().TrimStart());
                    }
                    else
                    {
                        WriteValue(text, item, indent + 2, sources);
                    }
                }

                break;
            case ConfigMapping mapping:
                text.Append('\n');
                WriteMapping(text, mapping, indent + 2, sources);
                break;
            default:
                throw new ArgumentException($"unsupported config node at {value.Path}", nameof(value));
        }
    }

    private static void EndLine(StringBuilder text, ConfigValue value, string? sources)
    {
        if (sources is not null)
        {
            text.Append("  # ").Append(Origin(value, sources));
        }

        text.Append('\n');
    }

    // Credentials never leave in a printed or logged config: a URI's user info is masked (the value itself is not changed).
    private static string Quote(string raw)
    {
        var text = Secrets.RedactUris(raw);
        return PlainScalar().IsMatch(text) ? text : System.Text.Json.JsonSerializer.Serialize(text);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.+/\-]*(:/{2,4}[A-Za-z0-9_.+/\-:]*)?$")]
    private static partial Regex PlainScalar();
}
