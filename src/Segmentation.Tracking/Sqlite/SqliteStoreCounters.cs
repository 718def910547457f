namespace Segmentation.Tracking.Sqlite;

/// <summary>How many SQL statements and transactions a store instance has executed (for benchmarks and tests).</summary>
public sealed class SqliteStoreCounters
{
    private long _statements;
    private long _transactions;

    /// <summary>Data statements executed (per-connection PRAGMAs excluded).</summary>
    public long Statements => Interlocked.Read(ref _statements);

    /// <summary>Write transactions committed.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    internal void Statement() => Interlocked.Increment(ref _statements);

    internal void Transaction() => Interlocked.Increment(ref _transactions);
}
