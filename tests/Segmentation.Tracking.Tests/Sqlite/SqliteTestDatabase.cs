using Microsoft.Data.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>A temp folder for one test's database, and helpers to read it with plain SQL.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    public SqliteTestDatabase()
    {
        Directory.CreateDirectory(DirectoryPath);
    }

    public string DirectoryPath { get; } = Path.Combine(Path.GetTempPath(), "seg-sqlite-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DirectoryPath, "mlflow.db");

    /// <summary>A file of the MLflow 2.17.2 contract's sqlite-store folder (schema.sql, example-rows.sql).</summary>
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mlflow-contract", "sqlite-store", name);

    /// <summary>A file of the MLflow 3.11 contract's sqlite-store folder (schema.sql, example-rows.sql).</summary>
    public static string V3FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mlflow-contract", "v3", "sqlite-store", name);

    /// <summary>Makes <see cref="DatabasePath"/> a database as MLflow 2.17.2 created it, with the rows its server wrote during the recording.</summary>
    public void LoadMlflow2Example() => LoadMlflow2Example(DatabasePath);

    /// <summary>Makes <paramref name="databasePath"/> a database as MLflow 2.17.2 created it, with the rows its server wrote during the recording.</summary>
    public static void LoadMlflow2Example(string databasePath)
    {
        Execute(databasePath, File.ReadAllText(FixturePath("schema.sql")));
        Execute(databasePath, File.ReadAllText(FixturePath("example-rows.sql")));
    }

    /// <summary>Makes <see cref="DatabasePath"/> the database the MLflow 3.11 server held after the v3 recording.</summary>
    public void LoadMlflow3Example()
    {
        Execute(DatabasePath, File.ReadAllText(V3FixturePath("schema.sql")));
        // Both files carry the alembic row.
        Execute(DatabasePath, "DELETE FROM alembic_version");
        Execute(DatabasePath, File.ReadAllText(V3FixturePath("example-rows.sql")));
    }

    /// <summary>Upgrades <see cref="DatabasePath"/> as MLflow 3's server does at start (<c>mlflow ui</c> on a 2.17.2 database).</summary>
    public void UpgradeAsMlflow3Does() => UpgradeAsMlflow3Does(DatabasePath);

    /// <summary>
    /// Replaces the 2.17.2 database at <paramref name="databasePath"/> with what MLflow 3.11's automatic upgrade leaves:
    /// DIFF.md verified that it is byte-identical DDL to a fresh 3.x database (the v3 schema.sql) holding every old row,
    /// with the new columns at their defaults (workspace 'default', inputs.step 0) and the 'default' workspaces row.
    /// </summary>
    public static void UpgradeAsMlflow3Does(string databasePath)
    {
        SqliteConnection.ClearAllPools();
        var upgraded = databasePath + ".upgraded";
        using (var connection = new SqliteConnection("Data Source=" + upgraded + ";Pooling=False;Foreign Keys=False"))
        {
            connection.Open();
            Run(connection, File.ReadAllText(V3FixturePath("schema.sql")));
            Run(connection, "ATTACH DATABASE '" + databasePath.Replace("'", "''", StringComparison.Ordinal) + "' AS old");
            var tables = Rows(connection, "SELECT name FROM old.sqlite_master WHERE type = 'table' AND name != 'alembic_version'").Select(r => (string)r[0]!).ToList();
            foreach (var table in tables)
            {
                var columns = string.Join(", ", Rows(connection, $"SELECT name FROM pragma_table_info('{table}', 'old')").Select(r => "\"" + (string)r[0]! + "\""));
                Run(connection, $"INSERT INTO main.\"{table}\" ({columns}) SELECT {columns} FROM old.\"{table}\"");
            }

            Run(connection, "INSERT INTO workspaces (name, description, default_artifact_root) VALUES ('default', 'Default workspace for legacy resources', NULL)");
            Run(connection, "DETACH DATABASE old");
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }

        File.Move(upgraded, databasePath, overwrite: true);
    }

    public List<object?[]> Query(string sql) => Query(DatabasePath, sql);

    public static List<object?[]> Query(string databasePath, string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + databasePath + ";Pooling=False;Foreign Keys=False");
        connection.Open();
        return Rows(connection, sql);
    }

    public void Execute(string sql) => Execute(DatabasePath, sql);

    public static void Execute(string databasePath, string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + databasePath + ";Pooling=False;Foreign Keys=False");
        connection.Open();
        Run(connection, sql);
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(DirectoryPath, recursive: true);
    }
}
