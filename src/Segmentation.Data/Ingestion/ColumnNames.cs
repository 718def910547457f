namespace Segmentation.Data.Ingestion;

/// <summary>Header names accepted for each logical column, and the <c>data.columns</c> keys that override them.</summary>
public static class ColumnNames
{
    /// <summary>Every logical column in file order of the UCI datasets.</summary>
    public static IReadOnlyList<TransactionColumn> All { get; } = Enum.GetValues<TransactionColumn>();

    /// <summary>The params.yaml key under <c>data.columns</c> for a logical column.</summary>
    public static string ConfigKey(TransactionColumn column) => column switch
    {
        TransactionColumn.Invoice => "invoice",
        TransactionColumn.StockCode => "stock_code",
        TransactionColumn.Description => "description",
        TransactionColumn.Quantity => "quantity",
        TransactionColumn.InvoiceDate => "invoice_date",
        TransactionColumn.UnitPrice => "unit_price",
        TransactionColumn.CustomerId => "customer_id",
        TransactionColumn.Country => "country",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>
    /// Default header names: Online Retail (InvoiceNo, UnitPrice, CustomerID) and Online Retail II
    /// (Invoice, Price, <c>Customer ID</c>).
    /// </summary>
    public static IReadOnlyList<string> Defaults(TransactionColumn column) => column switch
    {
        TransactionColumn.Invoice => ["InvoiceNo", "Invoice"],
        TransactionColumn.StockCode => ["StockCode"],
        TransactionColumn.Description => ["Description"],
        TransactionColumn.Quantity => ["Quantity"],
        TransactionColumn.InvoiceDate => ["InvoiceDate"],
        TransactionColumn.UnitPrice => ["UnitPrice", "Price"],
        TransactionColumn.CustomerId => ["CustomerID", "Customer ID"],
        TransactionColumn.Country => ["Country"],
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}
