using System.Globalization;
using System.Text;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Products;

/// <summary><c>segment_products.csv</c> in a model folder: RFC 4180 text, one row per (segment, product), the lift as an exact decimal string.</summary>
public static class SegmentProductsCsv
{
    /// <summary>File name inside the model folder.</summary>
    public const string FileName = "segment_products.csv";

    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "segment", "stock_code", "description", "segment_customers_with_product", "segment_customers",
        "all_customers_with_product", "all_customers", "lift", "rank",
    ];

    /// <summary>The file's text.</summary>
    public static string Write(IEnumerable<SegmentProduct> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder().Append(string.Join(',', Columns)).Append('\n');
        // Appended field by field (no joined array of strings per row): every trial of a sweep writes this file.
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Segment},{Quote(r.StockCode)},{Quote(r.Description ?? string.Empty)},")
                .Append(CultureInfo.InvariantCulture, $"{r.SegmentCustomersWithProduct},{r.SegmentCustomers},{r.AllCustomersWithProduct},{r.AllCustomers},")
                .Append(r.Lift).Append(',')
                .Append(CultureInfo.InvariantCulture, $"{r.Rank}").Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads <see cref="Write"/>'s text; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="DataFormatException">Another header, a wrong field count or a field that is not a number.</exception>
    public static IReadOnlyList<SegmentProduct> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = Records(text, source);
        if (records.Count == 0 || !records[0].SequenceEqual(Columns, StringComparer.Ordinal))
        {
            throw new DataFormatException($"not a segment products file: expected the header {string.Join(',', Columns)}", source, 1);
        }

        var rows = new List<SegmentProduct>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            var f = records[i];
            if (f.Count != Columns.Count)
            {
                throw new DataFormatException($"expected {Columns.Count} fields, found {f.Count}", source, i + 1);
            }

            rows.Add(new SegmentProduct(
                (int)Integer(f[0], source, i + 1, "segment"),
                f[1],
                f[2].Length == 0 ? null : f[2],
                Integer(f[3], source, i + 1, "segment_customers_with_product"),
                Integer(f[4], source, i + 1, "segment_customers"),
                Integer(f[5], source, i + 1, "all_customers_with_product"),
                Integer(f[6], source, i + 1, "all_customers"),
                (int)Integer(f[8], source, i + 1, "rank")));
        }

        return rows;
    }

    private static long Integer(string field, string source, int line, string column) =>
        long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DataFormatException($"'{field}' is not an integer", source, line, column);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    // RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks.
    private static List<List<string>> Records(string text, string source)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new DataFormatException("a quoted field is not closed", source, records.Count + 1);
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
