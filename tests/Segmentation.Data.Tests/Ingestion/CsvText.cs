using System.Text;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Tests.Ingestion;

/// <summary>Reads CSV text given inline, as a file named <c>test.csv</c>.</summary>
internal static class CsvText
{
    public const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    public static TransactionReadResult Read(string text, IngestionOptions? options = null, string? rejectedPath = null) =>
        Read(Encoding.UTF8.GetBytes(text), options, rejectedPath);

    public static TransactionReadResult Read(byte[] bytes, IngestionOptions? options = null, string? rejectedPath = null)
    {
        using var stream = new MemoryStream(bytes);
        return TransactionReader.ReadCsv(stream, "test.csv", options ?? new IngestionOptions(), rejectedPath);
    }

    public static DataFormatException Fails(string text, IngestionOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => Read(text, options));
}
