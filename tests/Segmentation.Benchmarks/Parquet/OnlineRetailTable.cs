using System.Globalization;
using System.IO.Compression;
using System.Text;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Schema;

namespace Segmentation.Benchmarks.Parquet;

/// <summary>The Online Retail transactions as Parquet columns, parsed by a small RFC 4180 reader kept inside the benchmark.</summary>
public sealed class OnlineRetailTable
{
    /// <summary>The table's schema (description and customer id are nullable).</summary>
    public static readonly ParquetSchema Schema = new(
        new ParquetField("invoice", ParquetType.String, false),
        new ParquetField("stock_code", ParquetType.String, false),
        new ParquetField("description", ParquetType.String, true),
        new ParquetField("quantity", ParquetType.Int32, false),
        new ParquetField("invoice_date", ParquetType.TimestampMicros, false),
        new ParquetField("unit_price", ParquetType.Double, false),
        new ParquetField("customer_id", ParquetType.Int64, true),
        new ParquetField("country", ParquetType.String, false));

    private OnlineRetailTable(ParquetColumnData[] columns) => Columns = columns;

    /// <summary>The columns in schema order.</summary>
    public IReadOnlyList<ParquetColumnData> Columns { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Columns[0].Count;

    /// <summary>Finds data/online_retail.csv.gz by walking up from the given folder.</summary>
    public static string FindDataFile(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "data", "online_retail.csv.gz");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"data/online_retail.csv.gz not found above {start}");
    }

    /// <summary>Parses the gzip-compressed CSV.</summary>
    public static OnlineRetailTable Load(string path)
    {
        var invoice = new List<string?>();
        var stock = new List<string?>();
        var description = new List<string?>();
        var quantity = new List<int>();
        var date = new List<long>();
        var price = new List<double>();
        var customer = new List<long>();
        var customerNull = new List<bool>();
        var country = new List<string?>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.UTF8);
        var fields = new List<string>();
        ReadRecord(reader, fields);
        var line = 1;
        while (ReadRecord(reader, fields))
        {
            line++;
            if (fields.Count != 8)
            {
                throw new FormatException($"{path}: record {line} has {fields.Count} fields, expected 8");
            }

            invoice.Add(fields[0]);
            stock.Add(fields[1]);
            description.Add(fields[2].Length == 0 ? null : fields[2]);
            quantity.Add(int.Parse(fields[3], CultureInfo.InvariantCulture));
            date.Add(ParquetTime.ToMicros(DateTime.Parse(fields[4], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            price.Add(double.Parse(fields[5], CultureInfo.InvariantCulture));
            customerNull.Add(fields[6].Length == 0);
            customer.Add(fields[6].Length == 0 ? 0 : (long)double.Parse(fields[6], CultureInfo.InvariantCulture));
            country.Add(fields[7]);
        }

        return new OnlineRetailTable(
        [
            ParquetColumnData.FromString([.. invoice]),
            ParquetColumnData.FromString([.. stock]),
            ParquetColumnData.FromString([.. description]),
            ParquetColumnData.FromInt32([.. quantity]),
            ParquetColumnData.FromTimestampMicros([.. date]),
            ParquetColumnData.FromDouble([.. price]),
            ParquetColumnData.FromInt64([.. customer], [.. customerNull]),
            ParquetColumnData.FromString([.. country]),
        ]);
    }

    private static bool ReadRecord(TextReader reader, List<string> fields)
    {
        fields.Clear();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (any)
                {
                    fields.Add(field.ToString());
                }

                return any;
            }

            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                return true;
            }
            else if (c != '\r')
            {
                field.Append((char)c);
            }
        }
    }
}
