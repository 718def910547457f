using System.Globalization;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>Real database files SQLite cannot use arrive as <see cref="TrackingStoreException"/>s naming the file, and nothing stored is lost.</summary>
public sealed class SqliteStoreErrorTests
{
    private const long T0 = 1_700_000_000_000;

    private static readonly TimeProvider Clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static readonly SqliteConnectionOptions ShortWait = new(TimeSpan.FromMilliseconds(200));

    [Fact]
    public void Open_GarbageBytes_ThrowsCorruptNamingTheFileAndLeavesItUnchanged()
    {
        using var db = new SqliteTestDatabase();
        var garbage = new byte[64 * 1024];
        new Random(42).NextBytes(garbage);
        File.WriteAllBytes(db.DatabasePath, garbage);

        var error = Assert.Throws<TrackingStoreException>(() => SqliteTrackingStore.Open(db.DatabasePath, Clock));

        AssertNamesFile(error, db.DatabasePath, TrackingStoreFailure.Corrupt);
        Assert.Contains("not an SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(db.DatabasePath));
    }

    [Fact]
    public void Open_TextFileThatIsNotADatabase_ThrowsCorruptNamingTheFileAndLeavesItUnchanged()
    {
        using var db = new SqliteTestDatabase();
        const string Csv = "InvoiceNo,StockCode,Description,Quantity\n536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6\n";
        File.WriteAllText(db.DatabasePath, Csv);

        var error = Assert.Throws<TrackingStoreException>(() => SqliteTrackingStore.Open(db.DatabasePath, Clock));

        AssertNamesFile(error, db.DatabasePath, TrackingStoreFailure.Corrupt);
        Assert.Equal(Csv, File.ReadAllText(db.DatabasePath));
    }

    [Fact]
    public async Task Open_TruncatedRealDatabase_ThrowsCorruptNamingTheFileAndLeavesItUnchanged()
    {
        using var db = new SqliteTestDatabase();
        await SeedAsync(db.DatabasePath);
        var full = File.ReadAllBytes(db.DatabasePath);
        // Page 1 only: the header and the root of sqlite_master survive, the rest of the schema and every row are cut off.
        var truncated = full[..4096];
        File.WriteAllBytes(db.DatabasePath, truncated);

        var error = Assert.Throws<TrackingStoreException>(() => SqliteTrackingStore.Open(db.DatabasePath, Clock));

        AssertNamesFile(error, db.DatabasePath, TrackingStoreFailure.Corrupt);
        Assert.Equal(truncated, File.ReadAllBytes(db.DatabasePath));
    }

    [Fact]
    public void Open_PathIsAFolder_ThrowsCannotOpenNamingIt()
    {
        using var db = new SqliteTestDatabase();
        Directory.CreateDirectory(db.DatabasePath);

        var error = Assert.Throws<TrackingStoreException>(() => SqliteTrackingStore.Open(db.DatabasePath, Clock));

        AssertNamesFile(error, db.DatabasePath, TrackingStoreFailure.CannotOpen);
        Assert.True(Directory.Exists(db.DatabasePath));
    }

    [Fact]
    public async Task LogBatch_AnotherConnectionHoldsExclusiveLock_ThrowsBusyAfterTheTimeoutAndKeepsEarlierRows()
    {
        using var db = new SqliteTestDatabase();
        var runId = await SeedAsync(db.DatabasePath);
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock, ShortWait);
        using var locker = new SqliteConnection("Data Source=" + db.DatabasePath + ";Pooling=False");
        locker.Open();
        using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<TrackingStoreException>(() =>
            store.LogBatchAsync(runId, [new Metric("silhouette", 0.9, T0 + 1, 1)]));

        AssertNamesFile(error, db.DatabasePath, TrackingStoreFailure.Busy);
        Assert.True(error.IsTransient);
        Assert.Equal(ErrorCodes.TemporarilyUnavailable, error.ErrorCode);
        Assert.Contains("locked by another", error.Message, StringComparison.Ordinal);
        // WAL: readers are not blocked by the other writer.
        Assert.Equal(0.5, (await store.GetRunAsync(runId)).Data.Metrics["silhouette"].Value);

        using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        await store.LogBatchAsync(runId, [new Metric("silhouette", 0.9, T0 + 1, 1)]);
        Assert.Equal(new[] { 0.5, 0.9 }, (await store.GetMetricHistoryAsync(runId, "silhouette")).Select(m => m.Value));
    }

    [Fact]
    public async Task LogBatch_DatabaseFull_ThrowsFullNamingTheFileAndKeepsEarlierRows()
    {
        using var db = new SqliteTestDatabase();
        var runId = await SeedAsync(db.DatabasePath);
        // The size limit is per connection, so the store's own connections get it through the internal hook.
        var limited = ShortWait with { ConnectionOpened = LimitToCurrentSize };
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock, limited);
        var bulky = Enumerable.Range(0, 100).Select(i => new Param("p" + i.ToString("D3", CultureInfo.InvariantCulture), new string('x', 6000))).ToArray();

        var error = await Assert.ThrowsAsync<TrackingStoreException>(() => store.LogBatchAsync(runId, parameters: bulky));

        AssertNamesFile(error, db.DatabasePath, TrackingStoreFailure.Full);
        var run = await store.GetRunAsync(runId);
        Assert.Equal("3", run.Data.Params["k"]);
        Assert.False(run.Data.Params.ContainsKey("p000"));
        Assert.Equal(0.5, run.Data.Metrics["silhouette"].Value);
    }

    [Fact]
    public async Task LogBatch_ReadOnlyConnection_ThrowsReadOnlyNamingTheFileWhileReadsStillWork()
    {
        using var db = new SqliteTestDatabase();
        var runId = await SeedAsync(db.DatabasePath);
        // Tests run as root, so chmod would not stop writes; the store's connections are opened Mode=ReadOnly instead.
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock, ShortWait with { ReadOnly = true });

        var read = await store.GetRunAsync(runId);
        var error = await Assert.ThrowsAsync<TrackingStoreException>(() =>
            store.LogBatchAsync(runId, [new Metric("silhouette", 0.9, T0 + 1, 1)]));

        Assert.Equal("3", read.Data.Params["k"]);
        AssertNamesFile(error, db.DatabasePath, TrackingStoreFailure.ReadOnly);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        store.Dispose();
        SqliteConnection.ClearAllPools();
        using var writable = SqliteTrackingStore.Open(db.DatabasePath, Clock);
        Assert.Equal(new[] { 0.5 }, (await writable.GetMetricHistoryAsync(runId, "silhouette")).Select(m => m.Value));
    }

    [Fact]
    public async Task CreateExperiment_ReadOnlyConnection_ThrowsTrackingStoreExceptionNotTheProviders()
    {
        using var db = new SqliteTestDatabase();
        await SeedAsync(db.DatabasePath);
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock, ShortWait with { ReadOnly = true });

        var error = await Record.ExceptionAsync(() => store.GetOrCreateExperimentAsync("new-experiment"));

        var translated = Assert.IsType<TrackingStoreException>(error);
        Assert.IsType<SqliteException>(translated.InnerException);
        AssertNamesFile(translated, db.DatabasePath, TrackingStoreFailure.ReadOnly);
    }

    private static void AssertNamesFile(TrackingStoreException error, string databasePath, TrackingStoreFailure failure)
    {
        Assert.Equal(failure, error.Failure);
        Assert.Equal(databasePath, error.DatabasePath);
        Assert.Contains(databasePath, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<MlflowException>(error);
    }

    private static void LimitToCurrentSize(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        var pages = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {pages + 1}");
        command.ExecuteNonQuery();
    }

    /// <summary>A database with one run (param k=3, metric silhouette=0.5), closed and checkpointed so the file holds everything.</summary>
    private static async Task<string> SeedAsync(string databasePath)
    {
        string runId;
        using (var store = SqliteTrackingStore.Open(databasePath, Clock))
        {
            var experiment = await store.GetOrCreateExperimentAsync("errors");
            var run = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "trial", T0, null, null));
            runId = run.Info.RunId;
            await store.LogBatchAsync(runId, [new Metric("silhouette", 0.5, T0, 0)], [new Param("k", "3")]);
        }

        SqliteConnection.ClearAllPools();
        return runId;
    }
}
