namespace Segmentation.Data.Ingestion;

/// <summary>
/// Where parsed rows go: a <see cref="TransactionTableBuilder"/> keeps them all, the streaming pipeline applies the
/// cleaning rules and folds each kept row into its customer's state. Text values arrive as codes of the sink's pools.
/// </summary>
internal interface ITransactionSink
{
    /// <summary>Invoice dictionary.</summary>
    StringPool Invoices { get; }

    /// <summary>Stock code dictionary.</summary>
    StringPool StockCodes { get; }

    /// <summary>Description dictionary.</summary>
    StringPool Descriptions { get; }

    /// <summary>Country dictionary.</summary>
    StringPool Countries { get; }

    /// <summary>Takes one parsed row (dictionary codes and typed values).</summary>
    void Add(int invoice, int stockCode, int description, int quantity, DateTime timestamp, long unitPriceMilli, long customerId, int country);

    /// <summary>A hint that about <paramref name="rows"/> rows will arrive (a table sizes its columns once).</summary>
    void EnsureCapacity(int rows);
}
