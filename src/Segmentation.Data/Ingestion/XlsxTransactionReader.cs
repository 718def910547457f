using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// Reads transactions from an .xlsx workbook with ExcelDataReader. Each cell is turned into the text a CSV export
/// would hold (numbers as their shortest round-trip form, dates as ISO 8601) and parsed by the same
/// <see cref="RowParser"/> as CSV, so both formats accept and reject exactly the same values.
/// </summary>
internal static class XlsxTransactionReader
{
    static XlsxTransactionReader()
    {
        // ExcelDataReader's configuration asks for code page 1252 as a fallback even for .xlsx; .NET ships the
        // code pages in the shared framework but only serves them once the provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static (TransactionTable Table, IReadOnlyDictionary<TransactionColumn, string> Names, long RowsRead, string Sheet) Read(
        Stream stream, string file, IngestionOptions options, RejectedRowWriter? rejected, CancellationToken ct)
    {
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception ex) when (ex is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or IOException)
        {
            throw new DataFormatException("not a readable .xlsx workbook (" + ex.Message + ")", file);
        }

        try
        {
            using (reader)
            {
                return ReadSheets(reader, file, options, rejected, ct);
            }
        }
        catch (Exception ex) when (ex is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or System.Xml.XmlException)
        {
            throw new DataFormatException("the workbook is corrupt or not a valid .xlsx (" + ex.Message + ")", file);
        }
    }

    private static (TransactionTable Table, IReadOnlyDictionary<TransactionColumn, string> Names, long RowsRead, string Sheet) ReadSheets(
        IExcelDataReader reader, string file, IngestionOptions options, RejectedRowWriter? rejected, CancellationToken ct)
    {
        var seen = new List<string>();
        do
        {
            var sheet = reader.Name;
            if (options.Sheet is not null && !string.Equals(sheet, options.Sheet, StringComparison.Ordinal))
            {
                seen.Add($"'{sheet}'");
                continue;
            }

            if (!reader.Read())
            {
                seen.Add($"'{sheet}' (empty)");
                continue;
            }

            var header = new string[reader.FieldCount];
            for (var i = 0; i < header.Length; i++)
            {
                header[i] = CellText(reader.GetValue(i), false).Trim();
            }

            var binding = HeaderBinding.TryResolve(header, options, out var missing);
            if (binding is null && options.Sheet is not null)
            {
                throw new DataFormatException(
                    HeaderBinding.MissingMessage(missing, options) + "; columns found: " + string.Join(", ", header.Where(h => h.Length > 0).Select(h => "'" + h + "'")),
                    $"{file}[{sheet}]", 1);
            }

            if (binding is null)
            {
                seen.Add($"'{sheet}' (columns: {string.Join(", ", header.Where(h => h.Length > 0))}; {HeaderBinding.MissingMessage(missing, options)})");
                continue;
            }

            var location = $"{file}[{sheet}]";
            var builder = new TransactionTableBuilder(64 * 1024);
            var parser = new RowParser(builder, binding, location, rejected);
            ReadRows(reader, binding, parser, ct);
            if (parser.RowsRead == 0)
            {
                throw new DataFormatException("the worksheet has a header but no data rows", location, 1);
            }

            return (builder.Build(), binding.Names(), parser.RowsRead, sheet);
        }
        while (reader.NextResult());

        var wanted = options.Sheet is null ? "no worksheet has the required transaction columns" : $"no worksheet named '{options.Sheet}'";
        throw new DataFormatException($"{wanted}; sheets found: {(seen.Count == 0 ? "none" : string.Join("; ", seen))}", file);
    }

    private static void ReadRows(IExcelDataReader reader, HeaderBinding binding, RowParser parser, CancellationToken ct)
    {
        var feeder = new CellRowFeeder(parser, binding);
        long row = 1;
        while (reader.Read())
        {
            row++;
            feeder.Add(i => i < reader.FieldCount ? reader.GetValue(i) : null, row);
            if ((row & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>The text a CSV export would hold for a cell.</summary>
    internal static string CellText(object? value, bool isDate) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd'T'00:00:00", CultureInfo.InvariantCulture),
        // A date cell without a date style arrives as its serial number.
        double d when isDate && d is > 0 and < 2958466 => RoundToSecond(DateTime.FromOADate(d)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static DateTime RoundToSecond(DateTime value) =>
        new(((value.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond) * TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
}
