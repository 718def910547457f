using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

public sealed class SqliteSchemaTests
{
    private static readonly TimeProvider Clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    /// <summary>sqlite_master rows (type, name, table, whitespace-normalised SQL), sorted.</summary>
    private static List<string> Master(string databasePath) =>
        SqliteTestDatabase.Query(databasePath, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'")
            .Select(r => $"{r[0]}|{r[1]}|{r[2]}|{(r[3] is string sql ? Regex.Replace(sql, @"\s+", " ").Trim() : "-")}")
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Open_NewDatabase_SchemaEqualsMlflowSchemaSql()
    {
        using var db = new SqliteTestDatabase();
        var reference = Path.Combine(db.DirectoryPath, "reference.db");
        using (var connection = new SqliteConnection("Data Source=" + reference + ";Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = File.ReadAllText(SqliteTestDatabase.FixturePath("schema.sql"));
            command.ExecuteNonQuery();
        }

        using (SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
        }

        var created = Master(db.DatabasePath);
        Assert.Equal(Master(reference), created);
        Assert.Equal(19, created.Count(r => r.StartsWith("table|", StringComparison.Ordinal)));
    }

    [Fact]
    public void Open_NewDatabase_RecordsAlembicRevisionDefaultExperimentAndWal()
    {
        using var db = new SqliteTestDatabase();

        using (SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
        }

        Assert.Equal("f5a4f2784254", Assert.Single(db.Query("SELECT version_num FROM alembic_version"))[0]);
        var experiment = Assert.Single(db.Query("SELECT experiment_id, name, artifact_location, lifecycle_stage, typeof(creation_time) FROM experiments"));
        Assert.Equal(0L, experiment[0]);
        Assert.Equal("Default", experiment[1]);
        Assert.Equal(new Uri(Path.Combine(db.DirectoryPath, "mlartifacts", "0")).AbsoluteUri, experiment[2]);
        Assert.Equal("active", experiment[3]);
        Assert.Equal("integer", experiment[4]);
        Assert.Equal("wal", Assert.Single(db.Query("PRAGMA journal_mode"))[0]);
    }

    [Fact]
    public async Task Open_ExistingDatabase_KeepsItsRows()
    {
        using var db = new SqliteTestDatabase();
        using (var store = SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
            await store.GetOrCreateExperimentAsync("kept");
        }

        using var reopened = SqliteTrackingStore.Open(db.DatabasePath, Clock);
        Assert.NotNull(await reopened.GetExperimentByNameAsync("kept"));
    }

    [Fact]
    public void Open_UnknownAlembicRevision_RefusedNamingBothRevisions()
    {
        using var db = new SqliteTestDatabase();
        using (SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
        }

        SqliteConnection.ClearAllPools();
        db.Execute("UPDATE alembic_version SET version_num = '0584bdc529eb'");

        var ex = Assert.Throws<TrackingStoreSchemaException>(() => SqliteTrackingStore.Open(db.DatabasePath, Clock));
        Assert.Contains("0584bdc529eb", ex.Message, StringComparison.Ordinal);
        Assert.Contains("f5a4f2784254", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DatabaseOfAnotherApplication_Refused()
    {
        using var db = new SqliteTestDatabase();
        db.Execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)");

        var ex = Assert.Throws<TrackingStoreSchemaException>(() => SqliteTrackingStore.Open(db.DatabasePath, Clock));
        Assert.Contains("not an MLflow tracking database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_EmbeddedResource_EqualsContractSchemaSqlBelowItsOriginLine()
    {
        var embedded = SqliteSchema.Sql.ReplaceLineEndings("\n");
        var originLineEnd = embedded.IndexOf('\n', StringComparison.Ordinal);

        Assert.StartsWith("-- Origin: ", embedded, StringComparison.Ordinal);
        var contract = File.ReadAllText(SqliteTestDatabase.FixturePath("schema.sql")).ReplaceLineEndings("\n");
        Assert.Equal(contract, embedded[(originLineEnd + 1)..]);
    }

    [Fact]
    public void Statements_AreTheTablesAndIndexesOfSchemaSql()
    {
        Assert.Equal(19, SqliteSchema.Statements.Count(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal)));
        Assert.Equal(11, SqliteSchema.Statements.Count(s => s.StartsWith("CREATE INDEX", StringComparison.Ordinal)));
    }
}
