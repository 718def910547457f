using Segmentation.Parquet;
using Segmentation.Parquet.Reading;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// Reads transactions from a Parquet file (as pandas, DuckDB or Spark write them), one row group at a time and only
/// the eight bound columns. Cells go through the same parser as CSV, so a customer id written as a float64 by pandas
/// (<c>17850.0</c>) or a price as a double read exactly as the CSV text would.
/// </summary>
internal static class ParquetTransactionReader
{
    public static (TransactionTable Table, IReadOnlyDictionary<TransactionColumn, string> Names, long RowsRead) Read(
        string file, IngestionOptions options, RejectedRowWriter? rejected, CancellationToken ct)
    {
        TransactionTableBuilder? builder = null;
        var (names, rows) = ReadInto(
            rowCount => builder = new TransactionTableBuilder(checked((int)Math.Min(rowCount, int.MaxValue))), file, options, rejected, ct);
        return (builder!.Build(), names, rows);
    }

    /// <summary>Reads every row into the sink <paramref name="open"/> makes once the file's row count is known.</summary>
    public static (IReadOnlyDictionary<TransactionColumn, string> Names, long RowsRead) ReadInto(
        Func<long, ITransactionSink> open, string file, IngestionOptions options, RejectedRowWriter? rejected, CancellationToken ct)
    {
        try
        {
            using var reader = ParquetReader.Open(file);
            var header = reader.Schema.Fields.Select(f => f.Name).ToArray();
            var binding = HeaderBinding.Resolve(header, options, file, 0);
            var wanted = ColumnNames.All.Select(binding.NameOf).ToArray();
            if (reader.RowCount == 0)
            {
                throw new DataFormatException("the Parquet file has columns but no rows", file);
            }

            var parser = new RowParser(open(reader.RowCount), binding, file, rejected);
            var feeder = new CellRowFeeder(parser, binding);
            long row = 0;
            foreach (var group in reader.ReadRowGroups(wanted))
            {
                ct.ThrowIfCancellationRequested();
                // Field i of the header maps to the projected column of the same name (unbound fields stay empty).
                var columns = header.Select(name => wanted.Contains(name, StringComparer.Ordinal) ? group[name] : null).ToArray();
                for (var r = 0; r < group.RowCount; r++)
                {
                    row++;
                    var index = r;
                    feeder.Add(i => columns[i] is { } column && !column.IsNull(index) ? column.GetValue(index) : null, row);
                }
            }

            return (binding.Names(), parser.RowsRead);
        }
        catch (ParquetException ex)
        {
            throw new DataFormatException("not a readable Parquet file: " + ex.Message, file);
        }
    }
}
