namespace Segmentation.Data.Ingestion;

/// <summary>The typed table read from a file and the report of what was read.</summary>
public sealed record TransactionReadResult(TransactionTable Table, IngestionReport Report);
