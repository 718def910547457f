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

    /// <summary>A file of the MLflow contract's sqlite-store folder (schema.sql, example-rows.sql).</summary>
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mlflow-contract", "sqlite-store", name);

    public List<object?[]> Query(string sql) => Query(DatabasePath, sql);

    public static List<object?[]> Query(string databasePath, string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + databasePath + ";Pooling=False;Foreign Keys=False");
        connection.Open();
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

    public void Execute(string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + DatabasePath + ";Pooling=False;Foreign Keys=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(DirectoryPath, recursive: true);
    }
}
