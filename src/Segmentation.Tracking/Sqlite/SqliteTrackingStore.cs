using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Sqlite;

/// <summary>
/// The local tracking store: a SQLite database in MLflow's own schema (so <c>mlflow ui
/// --backend-store-uri sqlite:///mlflow.db</c> opens it), artifacts as files under <c>mlartifacts/</c> beside it.
/// </summary>
/// <remarks>
/// New databases are created at MLflow 3's schema (<see cref="SqliteSchema.Newest"/>); existing ones at any revision from
/// 2.17.2's to that head are used in place and never migrated: the columns later revisions added are detected once at
/// open (<see cref="SqliteColumnLayout"/>) and the SQL fills them as MLflow 3 does.
/// Every operation opens a pooled connection; writes run in one <c>BEGIN IMMEDIATE</c> transaction each, in WAL
/// journal mode with a busy timeout, so several processes can log to one database at once without losing rows.
/// Rows are encoded as MLflow writes them (string enums, <c>is_nan</c>, <c>latest_metrics</c>, 32-hex run ids,
/// integer experiment ids, times in Unix milliseconds from the injected <see cref="TimeProvider"/>).
/// </remarks>
public sealed partial class SqliteTrackingStore : ITrackingBackend
{
    /// <summary>Folder beside the database that holds artifacts (MLflow's <c>--artifacts-destination</c> default name).</summary>
    public const string ArtifactFolderName = "mlartifacts";

    private const int SqliteConstraint = 19;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SqliteConnectionOptions _options;

    // This process's reads and writes take turns on one connection, queued on the store's own thread (DatabaseThread), so
    // SQLite's blocking I/O never holds a thread-pool worker. SQLite allows one writer anyway; without the turns a second
    // in-process writer gets SQLITE_BUSY and sleeps in the busy handler (1, 2, 5, 10… ms steps) instead of running the
    // moment the first commits, which serialised parallel trials behind those sleeps. Other processes still meet busy_timeout.
    // One connection, not one from the pool per call: a connection's page cache is dropped whenever another connection has
    // committed, so with pooled connections nearly every call re-read its B-tree pages (the 99-trial bench/sweep grid made
    // 145 page reads and 183 WAL writes a trial, 14,300 reads in all); the one connection's cache survives its own commits.
    private readonly DatabaseThread _thread = new("sqlite tracking store");
    private SqliteConnection? _connection;
    // Used only on the database thread, like the connection whose statements it keeps.
    private readonly StatementCache _statements = new();
    private readonly SharedArtifactFiles _sharedFiles = new();
    // Where each run's and each logged model's files go, by id: MLflow never changes a run's artifact_uri or a logged model's
    // artifact_location once created (nor does this store, which deletes neither), so each is read once, not once per file —
    // a trial's seven model files were seven database round trips for the same answer. Only `mlflow gc` removes a row, and
    // only a run already deleted; a file uploaded to it afterwards lands in its old folder instead of failing.
    private readonly ConcurrentDictionary<string, string> _runArtifactDirectories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _loggedModelArtifactDirectories = new(StringComparer.Ordinal);
    private SqliteColumnLayout? _columns;

    private SqliteTrackingStore(string databasePath, TimeProvider timeProvider, SqliteConnectionOptions options)
    {
        DatabasePath = databasePath;
        ArtifactRootDirectory = Path.Combine(Path.GetDirectoryName(databasePath)!, ArtifactFolderName);
        _time = timeProvider;
        _options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // The provider retries busy statements itself for this many seconds, on top of SQLite's busy_timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The folder artifacts are written to (<c>mlartifacts/</c> beside the database).</summary>
    public string ArtifactRootDirectory { get; }

    /// <summary>Statement and transaction counts of this instance.</summary>
    public SqliteStoreCounters Counters { get; } = new();

    /// <summary>The database's alembic revision, as found at open (or created).</summary>
    public string AlembicRevision => Columns.Revision;

    /// <inheritdoc/>
    public string DisplayUri => "sqlite:///" + DatabasePath.Replace('\\', '/');

    /// <summary>Opens (creating when absent) the database at <paramref name="databasePath"/>.</summary>
    /// <exception cref="TrackingStoreSchemaException">The file is not an MLflow database, or lacks a table, column or key the store uses (named in the message).</exception>
    /// <exception cref="TrackingStoreException">SQLite cannot use the file (corrupt, not a database, locked, read-only, full, cannot be opened).</exception>
    public static SqliteTrackingStore Open(string databasePath, TimeProvider timeProvider) =>
        Open(databasePath, timeProvider, SqliteConnectionOptions.Default);

    /// <summary>Opens the database with explicit connection options (tests: a short busy timeout, a read-only file, size limits).</summary>
    internal static SqliteTrackingStore Open(string databasePath, TimeProvider timeProvider, SqliteConnectionOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        var full = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var store = new SqliteTrackingStore(full, timeProvider, options);
        try
        {
            store.Translated(store.Initialise);
        }
        catch
        {
            // A file we refuse must not stay open in the pool (the user is told to move or restore it).
            store.Dispose();
            throw;
        }

        return store;
    }

    /// <summary>Closes the store's connection and releases pooled ones to this database so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _connection, null)?.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void Initialise()
    {
        using var connection = OpenConnection();
        if (!_options.ReadOnly)
        {
            using var wal = connection.CreateCommand();
            // WAL lets readers proceed while one process writes; the mode is stored in the file.
            wal.CommandText = "PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
        }

        if (CountTables(connection, null) > 0)
        {
            // An existing database is only read here (never migrated), so a read-only or busy file still opens for reading.
            _columns = SqliteColumnLayout.Read(connection, null, DatabasePath);
            return;
        }

        // Counted again under the write lock: another process may have created the schema in between.
        using var transaction = connection.BeginTransaction(deferred: false);
        var created = CountTables(connection, transaction) == 0;
        if (created)
        {
            (_options.NewDatabaseSchema ?? SqliteSchema.Newest).Create(connection, transaction);
        }

        _columns = SqliteColumnLayout.Read(connection, transaction, DatabasePath);
        if (created)
        {
            CreateDefaultWorkspace(connection, transaction);
            CreateDefaultExperiment(connection, transaction);
        }

        transaction.Commit();
    }

    /// <summary>The columns detected at open; every SQL statement that depends on the revision asks it.</summary>
    private SqliteColumnLayout Columns => _columns ?? throw new InvalidOperationException("the store has not been initialised");

    private static long CountTables(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        return Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void CreateDefaultWorkspace(SqliteConnection connection, SqliteTransaction transaction)
    {
        // MLflow 3's workspace migration adds this row to every database it creates or upgrades (v3 example-rows.sql).
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'workspaces'";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return;
        }

        command.CommandText = "INSERT INTO workspaces (name, description, default_artifact_root) VALUES ($name, 'Default workspace for legacy resources', NULL)";
        command.Parameters.AddWithValue("$name", SqliteColumnLayout.DefaultWorkspace);
        command.ExecuteNonQuery();
    }

    private void CreateDefaultExperiment(SqliteConnection connection, SqliteTransaction transaction)
    {
        // MLflow creates experiment 0 "Default" with every new database.
        var now = NowMs();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time"
            + Columns.ExtraColumns("experiments") + ") VALUES (0, 'Default', $loc, 'active', $now, $now" + Columns.ExtraValues("experiments") + ")";
        command.Parameters.AddWithValue("$loc", ExperimentArtifactLocation(0));
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            // synchronous=NORMAL is WAL's recommended level: a commit survives a process crash, and only an OS
            // crash can lose the last commits; it saves one fsync per transaction.
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout={(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous=NORMAL");
            pragma.ExecuteNonQuery();
            connection.CreateFunction<string?, string?, bool, bool>("mlflow_like", SqlLike.Matches, isDeterministic: true);
            _options.ConnectionOpened?.Invoke(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> body, CancellationToken cancellationToken) =>
        UseConnectionAsync(body, cancellationToken);

    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> body, CancellationToken cancellationToken) =>
        UseConnectionAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var result = body(connection, transaction);
                transaction.Commit();
                Counters.Transaction();
                return result;
            },
            cancellationToken);

    // Runs one call on the store's connection, in turn with the process's other calls, on the store's database thread; a
    // provider error closes the connection (its state is then unknown) and the next call opens a new one.
    private Task<T> UseConnectionAsync<T>(Func<SqliteConnection, T> body, CancellationToken cancellationToken) =>
        _thread.RunAsync(
            () => Translated(() =>
            {
                var connection = _connection ??= OpenConnection();
                try
                {
                    return body(connection);
                }
                catch (Exception ex) when (SqliteErrorTranslator.IsProviderError(ex))
                {
                    _connection = null;
                    connection.Dispose();
                    throw;
                }
            }),
            cancellationToken);

    /// <summary>Runs one database operation; every provider exception leaves it as a <see cref="TrackingStoreException"/> naming this file.</summary>
    private T Translated<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception ex) when (SqliteErrorTranslator.IsProviderError(ex))
        {
            throw SqliteErrorTranslator.Translate(ex, DatabasePath, _options.BusyTimeout);
        }
    }

    private void Translated(Action operation) => Translated(() =>
    {
        operation();
        return true;
    });

    private Task WriteAsync(Action<SqliteConnection, SqliteTransaction> body, CancellationToken cancellationToken) =>
        WriteAsync<bool>((c, t) =>
        {
            body(c, t);
            return true;
        }, cancellationToken);

    // The cached command for the SQL (StatementCache), with these parameters and transaction; the cache disposes it, not the caller.
    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _statements.Get(connection, sql);
        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        return Execute(command);
    }

    private int Execute(SqliteCommand command)
    {
        Counters.Statement();
        return command.ExecuteNonQuery();
    }

    private object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        Counters.Statement();
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private List<T> Query<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        Counters.Statement();
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string NewUuid() => Guid.NewGuid().ToString("N");

    private static bool IsConstraintViolation(SqliteException ex) => ex.SqliteErrorCode == SqliteConstraint;

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? NullableLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
