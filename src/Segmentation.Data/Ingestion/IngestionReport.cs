namespace Segmentation.Data.Ingestion;

/// <summary>What ingestion read: the file, its format, the header names used, rows read and rows rejected.</summary>
/// <param name="File">Full path of the input file.</param>
/// <param name="Format">"csv", "csv.gz" or "xlsx".</param>
/// <param name="Sheet">The worksheet read, for a workbook; otherwise null.</param>
/// <param name="HeaderNames">The header name found for each logical column.</param>
/// <param name="RowsRead">Data rows in the file (excluding the header and blank lines), rejected ones included.</param>
/// <param name="RowsRejected">Rows left out under <c>on_bad_rows: skip</c>.</param>
/// <param name="RejectedRowsFile">Where the rejected rows were written, or null when not skipping.</param>
public sealed record IngestionReport(
    string File,
    string Format,
    string? Sheet,
    IReadOnlyDictionary<TransactionColumn, string> HeaderNames,
    long RowsRead,
    long RowsRejected,
    string? RejectedRowsFile)
{
    /// <summary>Rows that made it into the table.</summary>
    public long RowsKept => RowsRead - RowsRejected;
}
