using Microsoft.Data.Sqlite;

namespace Segmentation.Tracking.Sqlite;

/// <summary>How <see cref="SqliteTrackingStore"/> opens its connections; internal so tests can shorten the wait or open a file read-only.</summary>
/// <param name="BusyTimeout">How long a statement waits for another writer's lock before failing as busy.</param>
/// <param name="ReadOnly">Open with <c>Mode=ReadOnly</c>: reads work, every write fails as SQLITE_READONLY.</param>
/// <param name="ConnectionOpened">Runs on every opened connection after the store's own pragmas (tests set limits such as <c>max_page_count</c>).</param>
/// <param name="NewDatabaseSchema">The schema a new database is created at; null = <see cref="SqliteSchema.Newest"/> (tests create 2.17.2 databases with <see cref="SqliteSchema.Mlflow2"/>).</param>
internal sealed record SqliteConnectionOptions(TimeSpan BusyTimeout, bool ReadOnly = false, Action<SqliteConnection>? ConnectionOpened = null, SqliteSchemaFile? NewDatabaseSchema = null)
{
    /// <summary>What the public <see cref="SqliteTrackingStore.Open(string, TimeProvider)"/> uses: a 30 s busy timeout, read-write.</summary>
    public static SqliteConnectionOptions Default { get; } = new(TimeSpan.FromSeconds(30));
}
