using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Tests;

/// <summary>Short-hand for hand-made transaction rows.</summary>
internal static class Rows
{
    public static TransactionRow Line(
        string invoice, long? customer, string timestamp, int quantity = 1, decimal price = 1m, string stock = "10001",
        string country = "United Kingdom", string? description = "ITEM") =>
        new(invoice, stock, description, quantity, DateTime.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), price, customer, country);

    public static TransactionTable Table(params TransactionRow[] rows) => TransactionTable.FromRows(rows);
}
