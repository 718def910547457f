namespace Segmentation.Data.Ingestion;

/// <summary>The eight logical columns of a transaction file, whatever the file calls them.</summary>
public enum TransactionColumn
{
    /// <summary>Invoice number (text; a leading <c>C</c> marks a cancellation).</summary>
    Invoice,

    /// <summary>Product (stock) code, text.</summary>
    StockCode,

    /// <summary>Product description, text; may be missing.</summary>
    Description,

    /// <summary>Quantity, integer, may be negative.</summary>
    Quantity,

    /// <summary>Invoice date and time.</summary>
    InvoiceDate,

    /// <summary>Unit price, at most three decimals.</summary>
    UnitPrice,

    /// <summary>Customer id, integer; may be missing.</summary>
    CustomerId,

    /// <summary>Customer's country.</summary>
    Country,
}
