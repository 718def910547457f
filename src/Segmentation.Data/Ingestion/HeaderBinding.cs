namespace Segmentation.Data.Ingestion;

/// <summary>Which field of a record holds each logical column, resolved from the header row.</summary>
internal sealed class HeaderBinding
{
    private HeaderBinding(IReadOnlyList<string> header, int[] fieldIndex)
    {
        Header = header;
        FieldIndex = fieldIndex;
    }

    /// <summary>The header names as found (trimmed).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Field index per <see cref="TransactionColumn"/>.</summary>
    public int[] FieldIndex { get; }

    public string NameOf(TransactionColumn column) => Header[FieldIndex[(int)column]];

    public IReadOnlyDictionary<TransactionColumn, string> Names() =>
        ColumnNames.All.ToDictionary(c => c, NameOf);

    /// <summary>Matches names case-insensitively; returns null and the missing columns when some are not found.</summary>
    public static HeaderBinding? TryResolve(IReadOnlyList<string> header, IngestionOptions options, out List<TransactionColumn> missing)
    {
        missing = [];
        var index = new int[ColumnNames.All.Count];
        foreach (var column in ColumnNames.All)
        {
            index[(int)column] = -1;
            foreach (var name in options.AcceptedNames(column))
            {
                for (var i = 0; i < header.Count; i++)
                {
                    if (string.Equals(header[i], name.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        index[(int)column] = i;
                        break;
                    }
                }

                if (index[(int)column] >= 0)
                {
                    break;
                }
            }

            if (index[(int)column] < 0)
            {
                missing.Add(column);
            }
        }

        return missing.Count == 0 ? new HeaderBinding(header, index) : null;
    }

    /// <summary>Resolves or throws a <see cref="DataFormatException"/> naming the missing columns and those found.</summary>
    public static HeaderBinding Resolve(IReadOnlyList<string> header, IngestionOptions options, string file, long line)
    {
        var binding = TryResolve(header, options, out var missing);
        if (binding is not null)
        {
            return binding;
        }

        if (header.Count == 1)
        {
            var delimiter = header[0].Contains(';', StringComparison.Ordinal) ? "semicolons"
                : header[0].Contains('\t', StringComparison.Ordinal) ? "tabs"
                : header[0].Contains('|', StringComparison.Ordinal) ? "'|'"
                : null;
            if (delimiter is not null)
            {
                throw new DataFormatException(
                    $"wrong delimiter: the header is one field that looks separated by {delimiter}; expected a comma-separated file",
                    file, line, text: header[0]);
            }
        }

        throw new DataFormatException(MissingMessage(missing, options) + "; columns found: " + string.Join(", ", header.Select(h => "'" + h + "'")), file, line);
    }

    internal static string MissingMessage(List<TransactionColumn> missing, IngestionOptions options) =>
        "missing required column" + (missing.Count > 1 ? "s " : " ") + string.Join(
            "; ",
            missing.Select(c => $"{ColumnNames.ConfigKey(c)} (accepted names: {string.Join(", ", options.AcceptedNames(c))}; map another name with data.columns.{ColumnNames.ConfigKey(c)})"));
}
