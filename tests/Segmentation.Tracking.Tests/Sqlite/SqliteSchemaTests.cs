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

    /// <summary>A database made by running <paramref name="schemaFile"/> as it is (what MLflow's own dump reproduces).</summary>
    private static string Reference(SqliteTestDatabase db, string schemaFile)
    {
        var reference = Path.Combine(db.DirectoryPath, "reference.db");
        using var connection = new SqliteConnection("Data Source=" + reference + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(schemaFile);
        command.ExecuteNonQuery();
        return reference;
    }

    private static SqliteTrackingStore OpenCreatingAt(string databasePath, SqliteSchemaFile schema) =>
        SqliteTrackingStore.Open(databasePath, Clock, SqliteConnectionOptions.Default with { NewDatabaseSchema = schema });

    [Fact]
    public void Open_NewDatabase_SchemaEqualsMlflow3SchemaSql()
    {
        using var db = new SqliteTestDatabase();
        var reference = Reference(db, SqliteTestDatabase.V3FixturePath("schema.sql"));

        using (SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
        }

        var created = Master(db.DatabasePath);
        Assert.Equal(Master(reference), created);
        Assert.Equal(48, created.Count(r => r.StartsWith("table|", StringComparison.Ordinal)));
        Assert.Single(created, r => r.StartsWith("trigger|prevent_secrets_aad_mutation|", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_NewDatabaseAtMlflow2Schema_SchemaEqualsMlflowSchemaSql()
    {
        using var db = new SqliteTestDatabase();
        var reference = Reference(db, SqliteTestDatabase.FixturePath("schema.sql"));

        using (OpenCreatingAt(db.DatabasePath, SqliteSchema.Mlflow2))
        {
        }

        var created = Master(db.DatabasePath);
        Assert.Equal(Master(reference), created);
        Assert.Equal(19, created.Count(r => r.StartsWith("table|", StringComparison.Ordinal)));
        Assert.Equal("f5a4f2784254", Assert.Single(db.Query("SELECT version_num FROM alembic_version"))[0]);
    }

    [Fact]
    public void Open_NewDatabase_RecordsAlembicRevisionDefaultExperimentAndWal()
    {
        using var db = new SqliteTestDatabase();

        using (var store = SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
            Assert.Equal("7d34483879f0", store.AlembicRevision);
        }

        Assert.Equal("7d34483879f0", Assert.Single(db.Query("SELECT version_num FROM alembic_version"))[0]);
        var experiment = Assert.Single(db.Query("SELECT experiment_id, name, artifact_location, lifecycle_stage, typeof(creation_time), workspace FROM experiments"));
        Assert.Equal(0L, experiment[0]);
        Assert.Equal("Default", experiment[1]);
        Assert.Equal(new Uri(Path.Combine(db.DirectoryPath, "mlartifacts", "0")).AbsoluteUri, experiment[2]);
        Assert.Equal("active", experiment[3]);
        Assert.Equal("integer", experiment[4]);
        Assert.Equal("default", experiment[5]);
        Assert.Equal("wal", Assert.Single(db.Query("PRAGMA journal_mode"))[0]);
        // As MLflow 3's workspace migration leaves every database it creates (v3 example-rows.sql).
        Assert.Equal(["default", "Default workspace for legacy resources", null], Assert.Single(db.Query("SELECT * FROM workspaces")));
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
    public void Open_UnknownAlembicRevisionMissingAColumn_RefusedNamingBothRevisionsTheFileAndTheColumn()
    {
        using var db = new SqliteTestDatabase();
        using (SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
        }

        SqliteConnection.ClearAllPools();
        db.Execute("UPDATE alembic_version SET version_num = '0123456789ab'; ALTER TABLE model_versions DROP COLUMN storage_location");

        var ex = Assert.Throws<TrackingStoreSchemaException>(() => SqliteTrackingStore.Open(db.DatabasePath, Clock));
        Assert.Contains("0123456789ab", ex.Message, StringComparison.Ordinal);
        Assert.Contains("f5a4f2784254", ex.Message, StringComparison.Ordinal);
        Assert.Contains("7d34483879f0", ex.Message, StringComparison.Ordinal);
        Assert.Contains(db.DatabasePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("table model_versions has no column storage_location", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownAlembicRevisionMissingATable_RefusedNamingTheTable()
    {
        using var db = new SqliteTestDatabase();
        using (SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
        }

        SqliteConnection.ClearAllPools();
        db.Execute("UPDATE alembic_version SET version_num = '0123456789ab'; DROP TABLE registered_model_aliases");

        var ex = Assert.Throws<TrackingStoreSchemaException>(() => SqliteTrackingStore.Open(db.DatabasePath, Clock));
        Assert.Contains("table registered_model_aliases is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownAlembicRevisionWithANewNotNullColumnWithoutDefault_RefusedNamingIt()
    {
        using var db = new SqliteTestDatabase();
        db.LoadMlflow2Example();
        // A later MLflow dropping the workspace default (DIFF.md warning 1) would look like this to the store.
        db.Execute("UPDATE alembic_version SET version_num = '0123456789ab'; ALTER TABLE registered_model_aliases RENAME TO old_aliases; "
            + "CREATE TABLE registered_model_aliases (alias VARCHAR(256) NOT NULL, version INTEGER NOT NULL, name VARCHAR(256) NOT NULL, "
            + "workspace VARCHAR(63) NOT NULL, tenant VARCHAR(63) NOT NULL, PRIMARY KEY (workspace, name, alias))");

        var ex = Assert.Throws<TrackingStoreSchemaException>(() => SqliteTrackingStore.Open(db.DatabasePath, Clock));
        Assert.Contains("table registered_model_aliases has a NOT NULL column tenant without a default", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_UnknownAlembicRevisionWithEveryNeededColumn_AcceptedAndWritable()
    {
        using var db = new SqliteTestDatabase();
        using (SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
        }

        SqliteConnection.ClearAllPools();
        // A later MLflow than the recorded head: one more table and column, everything the store uses kept.
        db.Execute("UPDATE alembic_version SET version_num = 'fedcba987654'; CREATE TABLE future_things (id INTEGER PRIMARY KEY); "
            + "ALTER TABLE runs ADD COLUMN future_note TEXT");

        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock);
        var experiment = await store.GetOrCreateExperimentAsync("future");
        var run = await store.CreateRunAsync(new Runs.CreateRunRequest(experiment.ExperimentId, "r", 1700000000000));
        await store.LogBatchAsync(run.Info.RunId, [new Runs.Metric("m", 1, 1700000000000, 0)]);

        Assert.Equal("fedcba987654", store.AlembicRevision);
        Assert.Single(await store.GetMetricHistoryAsync(run.Info.RunId, "m"));
        Assert.Equal("fedcba987654", Assert.Single(db.Query("SELECT version_num FROM alembic_version"))[0]);
    }

    [Fact]
    public async Task Open_IntermediateMlflow3Revision_AcceptedWithoutTheColumnsItLacks()
    {
        using var db = new SqliteTestDatabase();
        db.LoadMlflow2Example();
        // 0584bdc529eb is MLflow 3's first step after 2.17.2 (cascading dataset deletes): no workspace, no inputs.step yet.
        db.Execute("UPDATE alembic_version SET version_num = '0584bdc529eb'");

        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock);
        await store.SetRegisteredModelAliasAsync("contract-model", "challenger", "2");

        Assert.Equal("0584bdc529eb", store.AlembicRevision);
        Assert.Equal("2", (await store.GetModelVersionByAliasAsync("contract-model", "challenger"))!.Version);
    }

    [Fact]
    public async Task Open_Mlflow2Database_StaysAtItsRevisionAndSchema()
    {
        using var db = new SqliteTestDatabase();
        db.LoadMlflow2Example();
        var before = Master(db.DatabasePath);

        using (var store = SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
            var experiment = await store.GetOrCreateExperimentAsync("again");
            await store.CreateRunAsync(new Runs.CreateRunRequest(experiment.ExperimentId, "r", 1700000000000));
            await store.SetRegisteredModelAliasAsync("contract-model", "champion", "2");
            Assert.Equal("f5a4f2784254", store.AlembicRevision);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Master(db.DatabasePath));
        Assert.Equal("f5a4f2784254", Assert.Single(db.Query("SELECT version_num FROM alembic_version"))[0]);
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
        AssertEmbeddedEquals(SqliteSchema.Mlflow2, SqliteTestDatabase.FixturePath("schema.sql"));
        AssertEmbeddedEquals(SqliteSchema.Mlflow3, SqliteTestDatabase.V3FixturePath("schema.sql"));
    }

    [Fact]
    public void Statements_AreTheTablesAndIndexesOfSchemaSql()
    {
        Assert.Equal(19, SqliteSchema.Mlflow2.Statements.Count(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal)));
        Assert.Equal(11, SqliteSchema.Mlflow2.Statements.Count(s => s.StartsWith("CREATE INDEX", StringComparison.Ordinal)));
        Assert.Equal(48, SqliteSchema.Mlflow3.Statements.Count(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal)));
        Assert.Equal(61, SqliteSchema.Mlflow3.Statements.Count(s => s.StartsWith("CREATE INDEX", StringComparison.Ordinal) || s.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal)));
        var trigger = Assert.Single(SqliteSchema.Mlflow3.Statements, s => s.StartsWith("CREATE TRIGGER", StringComparison.Ordinal));
        Assert.EndsWith(";\nEND", trigger, StringComparison.Ordinal);
        Assert.Equal(110, SqliteSchema.Mlflow3.Statements.Count(s => s.StartsWith("CREATE ", StringComparison.Ordinal)));
    }

    [Fact]
    public void KnownRevisions_RunFromMlflow2ToTheMlflow3Head()
    {
        Assert.Equal(29, SqliteSchema.KnownRevisions.Count);
        Assert.Equal(SqliteSchema.Mlflow2.AlembicRevision, SqliteSchema.KnownRevisions[0]);
        Assert.Equal(SqliteSchema.Mlflow3.AlembicRevision, SqliteSchema.KnownRevisions[^1]);
        Assert.Equal(SqliteSchema.Newest.AlembicRevision, SqliteSchema.AlembicRevision);
    }

    private static void AssertEmbeddedEquals(SqliteSchemaFile schema, string contractFile)
    {
        var embedded = schema.Sql.ReplaceLineEndings("\n");
        var originLineEnd = embedded.IndexOf('\n', StringComparison.Ordinal);

        Assert.StartsWith("-- Origin: ", embedded, StringComparison.Ordinal);
        var contract = File.ReadAllText(contractFile).ReplaceLineEndings("\n");
        Assert.Equal(contract, embedded[(originLineEnd + 1)..]);
    }
}
