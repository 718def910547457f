using Microsoft.Data.Sqlite;

namespace Segmentation.Tracking.Sqlite;

/// <summary>
/// The store's commands by SQL text, for the connection they were made on. A command keeps its compiled statements
/// between executions, so a statement the store runs again is not compiled again.
/// </summary>
/// <remarks>
/// A new command per execution compiled its SQL every time (sqlite3_prepare), and registered and released itself
/// with the connection. A grid sweep runs the same few dozen statements thousands of times. In a perf profile of the
/// store's thread, compiling was ~35 % of the time spent inside SQLite. The cache holds the most recently used
/// <see cref="Capacity"/> texts: some SQL differs only in the number of values an <c>IN</c> list takes. It is owned by
/// the thread that runs the store's calls. A command is the caller's until it asks for the next one with the same text
/// (the store never nests two uses of one statement). A new connection, after a provider error closed the old one,
/// starts an empty cache.
/// </remarks>
internal sealed class StatementCache
{
    /// <summary>Distinct SQL texts kept; the least recently used one is disposed beyond it.</summary>
    public const int Capacity = 128;

    private readonly Dictionary<string, LinkedListNode<(string Sql, SqliteCommand Command)>> _bySql = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Sql, SqliteCommand Command)> _recent = new();
    private SqliteConnection? _connection;

    /// <summary>Texts cached now.</summary>
    public int Count => _bySql.Count;

    /// <summary>The command for <paramref name="sql"/> on <paramref name="connection"/>, its parameters and transaction as the last use left them.</summary>
    public SqliteCommand Get(SqliteConnection connection, string sql)
    {
        if (!ReferenceEquals(connection, _connection))
        {
            Clear();
            _connection = connection;
        }

        if (_bySql.TryGetValue(sql, out var node))
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Command;
        }

        if (_bySql.Count == Capacity)
        {
            var oldest = _recent.Last!.Value;
            _recent.RemoveLast();
            _bySql.Remove(oldest.Sql);
            oldest.Command.Dispose();
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        _bySql[sql] = _recent.AddFirst((sql, command));
        return command;
    }

    /// <summary>Disposes every cached command (their statements are finalized).</summary>
    public void Clear()
    {
        foreach (var (_, command) in _recent)
        {
            command.Dispose();
        }

        _recent.Clear();
        _bySql.Clear();
        _connection = null;
    }
}
