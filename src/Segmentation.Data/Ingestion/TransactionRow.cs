namespace Segmentation.Data.Ingestion;

/// <summary>One transaction line, as a value; used to build small tables by hand and to read a row back.</summary>
public sealed record TransactionRow(
    string Invoice,
    string StockCode,
    string? Description,
    int Quantity,
    DateTime Timestamp,
    decimal UnitPrice,
    long? CustomerId,
    string Country);
