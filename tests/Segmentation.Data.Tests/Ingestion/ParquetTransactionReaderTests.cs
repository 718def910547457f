using Segmentation.Data.Ingestion;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Writing;

namespace Segmentation.Data.Tests.Ingestion;

public sealed class ParquetTransactionReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segparquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes the transactions the way pandas does for Online Retail II: customer id as float64 with nulls.</summary>
    private string WritePandasStyle(int rowGroupSize)
    {
        var schema = new ParquetSchema(
            new ParquetField("Invoice", ParquetType.String, true),
            new ParquetField("StockCode", ParquetType.String, true),
            new ParquetField("Description", ParquetType.String, true),
            new ParquetField("Quantity", ParquetType.Int64, true),
            new ParquetField("InvoiceDate", ParquetType.TimestampMicros, true),
            new ParquetField("Price", ParquetType.Double, true),
            new ParquetField("Customer ID", ParquetType.Double, true),
            new ParquetField("Country", ParquetType.String, true));
        var path = Path.Combine(_dir, "tx.parquet");
        using var file = File.Create(path);
        using var writer = new ParquetWriter(file, schema, new ParquetWriterOptions { RowGroupSize = rowGroupSize });
        writer.WriteTable(
        [
            ParquetColumnData.FromString(["536365", "C536379", "536366"]),
            ParquetColumnData.FromString(["85123A", "84879", "22633"]),
            ParquetColumnData.FromString(["WHITE HANGING HEART ", null, "HAND WARMER"]),
            ParquetColumnData.FromInt64([6, -2, 6]),
            ParquetColumnData.FromTimestamp([new DateTime(2010, 12, 1, 8, 26, 0), new DateTime(2010, 12, 1, 9, 41, 0), new DateTime(2010, 12, 2, 8, 28, 0)]),
            ParquetColumnData.FromDouble([2.55, 1.69, 0.001]),
            ParquetColumnData.FromDouble([17850.0, 13047.0, 0], [false, false, true]),
            ParquetColumnData.FromString(["United Kingdom", "United Kingdom", "France"]),
        ]);
        return path;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void ReadFile_ParquetFromPandas_ReadsTheSameRowsAsCsv(int rowGroupSize)
    {
        var path = WritePandasStyle(rowGroupSize);

        var (table, report) = TransactionReader.ReadFile(new IngestionOptions { Input = path }, _dir);

        Assert.Equal("parquet", report.Format);
        Assert.Equal(3, report.RowsRead);
        Assert.Equal(new TransactionRow("536365", "85123A", "WHITE HANGING HEART ", 6, new DateTime(2010, 12, 1, 8, 26, 0), 2.55m, 17850, "United Kingdom"), table.Row(0));
        Assert.Equal(new TransactionRow("C536379", "84879", null, -2, new DateTime(2010, 12, 1, 9, 41, 0), 1.69m, 13047, "United Kingdom"), table.Row(1));
        Assert.Equal(new TransactionRow("536366", "22633", "HAND WARMER", 6, new DateTime(2010, 12, 2, 8, 28, 0), 0.001m, null, "France"), table.Row(2));
        Assert.Equal("Customer ID", report.HeaderNames[TransactionColumn.CustomerId]);
    }

    [Fact]
    public void ReadFile_ParquetMissingColumn_NamesItAndListsColumnsFound()
    {
        var path = Path.Combine(_dir, "narrow.parquet");
        using (var file = File.Create(path))
        using (var writer = new ParquetWriter(file, new ParquetSchema(new ParquetField("Invoice", ParquetType.String, false))))
        {
            writer.WriteTable([ParquetColumnData.FromString(["1"])]);
        }

        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadFile(new IngestionOptions { Input = path }, _dir));

        Assert.Contains("'Invoice'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StockCode", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_NotParquet_IsADataFormatError()
    {
        var path = Path.Combine(_dir, "fake.parquet");
        File.WriteAllText(path, "InvoiceNo,StockCode\n");

        var ex = Assert.Throws<DataFormatException>(() => TransactionReader.ReadFile(new IngestionOptions { Input = path }, _dir));

        Assert.Contains("not a readable Parquet file", ex.Message, StringComparison.Ordinal);
    }
}
