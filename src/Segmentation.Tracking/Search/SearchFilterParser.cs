using System.Globalization;
using System.Text;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Search;

/// <summary>Parses MLflow's search filter syntax (the subset this tool supports): terms joined by AND.</summary>
/// <remarks>
/// <c>metrics.silhouette &gt; 0.3 AND params.k = '5' AND tags.`mlflow.parentRunId` = 'abc' AND attributes.status = 'FINISHED'</c>.
/// Identifiers take the prefixes MLflow accepts (metric(s), param(s)/parameter(s), tag(s), attribute(s)/attr/run);
/// keys may be back-ticked or double-quoted. Errors are <see cref="InvalidParameterException"/> naming the position.
/// </remarks>
public static class SearchFilterParser
{
    private static readonly string[] Comparators = ["=", "!=", ">", ">=", "<", "<="];

    /// <summary>Parses a filter; null or blank gives no clauses.</summary>
    public static IReadOnlyList<FilterClause> Parse(string? filter)
    {
        var clauses = new List<FilterClause>();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return clauses;
        }

        var p = new Cursor(filter);
        while (true)
        {
            p.SkipSpace();
            clauses.Add(ParseClause(p));
            p.SkipSpace();
            if (p.AtEnd)
            {
                return clauses;
            }

            var word = p.ReadWord();
            if (word.Equals("AND", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            throw p.Error(word.Equals("OR", StringComparison.OrdinalIgnoreCase)
                ? "OR is not supported; only AND joins terms"
                : $"expected AND between terms, found '{(word.Length > 0 ? word : p.Rest)}'");
        }
    }

    private static FilterClause ParseClause(Cursor p)
    {
        var start = p.Position;
        var (entity, key) = ParseIdentifier(p);
        p.SkipSpace();
        var comparator = ParseComparator(p);
        p.SkipSpace();
        if (comparator is "IN" or "NOT IN")
        {
            return new FilterClause(entity, key, comparator, null, null, ParseList(p));
        }

        if (p.Peek is '\'' or '"')
        {
            return new FilterClause(entity, key, comparator, p.ReadQuoted(), null, null);
        }

        var number = p.ReadWhile(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+' or 'e' or 'E');
        if (number.Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return new FilterClause(entity, key, comparator, null, value, null);
        }

        throw p.Error($"expected a quoted string or a number after '{p.Text[start..p.Position].Trim()}'");
    }

    private static (FilterEntity Entity, string Key) ParseIdentifier(Cursor p)
    {
        var prefixStart = p.Position;
        var prefix = p.ReadWhile(c => char.IsLetterOrDigit(c) || c == '_');
        if (prefix.Length == 0)
        {
            throw p.Error("expected an identifier such as metrics.name, params.name, tags.name or attributes.status");
        }

        if (p.Peek != '.')
        {
            // A bare name: a run attribute (status, run_name…) or a registry field (name, run_id…).
            return (FilterEntity.Attribute, prefix);
        }

        p.Advance();
        var entity = prefix.ToLowerInvariant() switch
        {
            "metric" or "metrics" => FilterEntity.Metric,
            "param" or "params" or "parameter" or "parameters" => FilterEntity.Param,
            "tag" or "tags" => FilterEntity.Tag,
            "attribute" or "attributes" or "attr" or "run" => FilterEntity.Attribute,
            _ => throw new InvalidParameterException(
                $"Invalid entity type '{prefix}' at position {prefixStart} of filter \"{p.Text}\"; expected metrics, params, tags or attributes"),
        };

        string key;
        if (p.Peek is '`' or '"')
        {
            key = p.ReadQuoted();
        }
        else
        {
            key = p.ReadWhile(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '/' or ':');
        }

        if (key.Length == 0)
        {
            throw p.Error($"identifier '{prefix}.' has no key");
        }

        return (entity, key);
    }

    private static string ParseComparator(Cursor p)
    {
        if (p.Peek is '<' or '>' or '=' or '!')
        {
            var op = p.ReadWhile(c => c is '<' or '>' or '=' or '!');
            return Comparators.Contains(op)
                ? op
                : throw new InvalidParameterException($"Invalid comparator '{op}' not one of '=', '!=', '>', '>=', '<', '<=', 'LIKE', 'ILIKE', 'IN', 'NOT IN' (filter \"{p.Text}\")");
        }

        var word = p.ReadWord().ToUpperInvariant();
        switch (word)
        {
            case "LIKE" or "ILIKE" or "IN":
                return word;
            case "NOT":
                p.SkipSpace();
                var next = p.ReadWord().ToUpperInvariant();
                return next == "IN" ? "NOT IN" : throw p.Error($"expected IN after NOT, found '{next}'");
            default:
                throw p.Error(word.Length == 0
                    ? "expected a comparator (=, !=, >, >=, <, <=, LIKE, ILIKE, IN)"
                    : $"Invalid comparator '{word}'");
        }
    }

    private static List<string> ParseList(Cursor p)
    {
        if (p.Peek != '(')
        {
            throw p.Error("expected '(' to open the IN list");
        }

        p.Advance();
        var values = new List<string>();
        while (true)
        {
            p.SkipSpace();
            if (p.Peek is not ('\'' or '"'))
            {
                throw p.Error("IN lists hold quoted strings");
            }

            values.Add(p.ReadQuoted());
            p.SkipSpace();
            if (p.Peek == ',')
            {
                p.Advance();
                continue;
            }

            if (p.Peek == ')')
            {
                p.Advance();
                return values;
            }

            throw p.Error("expected ',' or ')' in the IN list");
        }
    }

    private sealed class Cursor(string text)
    {
        public string Text { get; } = text;

        public int Position { get; private set; }

        public bool AtEnd => Position >= Text.Length;

        public char Peek => AtEnd ? '\0' : Text[Position];

        public string Rest => Text[Position..];

        public void Advance() => Position++;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Text[Position]))
            {
                Position++;
            }
        }

        public string ReadWhile(Func<char, bool> accept)
        {
            var start = Position;
            while (!AtEnd && accept(Text[Position]))
            {
                Position++;
            }

            return Text[start..Position];
        }

        public string ReadWord() => ReadWhile(char.IsLetter);

        public string ReadQuoted()
        {
            var quote = Text[Position];
            var start = Position;
            Position++;
            var sb = new StringBuilder();
            while (!AtEnd)
            {
                var c = Text[Position++];
                if (c == quote)
                {
                    // SQL style: a doubled quote is a literal quote.
                    if (Peek == quote)
                    {
                        sb.Append(quote);
                        Position++;
                        continue;
                    }

                    return sb.ToString();
                }

                sb.Append(c);
            }

            throw new InvalidParameterException($"unterminated {quote}-quoted text starting at position {start} of filter \"{Text}\"");
        }

        public InvalidParameterException Error(string message) =>
            new(string.Create(CultureInfo.InvariantCulture, $"Invalid filter \"{Text}\" at position {Position}: {message}"));
    }
}
