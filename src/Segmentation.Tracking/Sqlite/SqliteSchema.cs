using System.Reflection;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Sqlite;

/// <summary>MLflow 2.17.2's SQLite schema (alembic revision f5a4f2784254), embedded verbatim from schema.sql.</summary>
public static class SqliteSchema
{
    /// <summary>The alembic revision of the schema this store writes.</summary>
    public const string AlembicRevision = "f5a4f2784254";

    /// <summary>The full text of schema.sql.</summary>
    public static string Sql { get; } = LoadSql();

    /// <summary>The CREATE TABLE / CREATE INDEX statements, each exactly as MLflow's sqlite_master records it.</summary>
    public static IReadOnlyList<string> Statements { get; } = Split(Sql);

    /// <summary>Creates every table and index and the alembic row inside <paramref name="transaction"/>.</summary>
    internal static void Create(SqliteConnection connection, SqliteTransaction transaction)
    {
        foreach (var statement in Statements)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        using var alembic = connection.CreateCommand();
        alembic.Transaction = transaction;
        alembic.CommandText = "INSERT INTO alembic_version (version_num) VALUES ($v)";
        alembic.Parameters.AddWithValue("$v", AlembicRevision);
        alembic.ExecuteNonQuery();
    }

    /// <summary>Checks that an existing database is an MLflow store at the known revision.</summary>
    /// <exception cref="TrackingStoreSchemaException">Another revision, or tables without alembic_version.</exception>
    internal static void Verify(SqliteConnection connection, SqliteTransaction? transaction, string databasePath)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            throw new TrackingStoreSchemaException(
                $"'{databasePath}' is not an MLflow tracking database (it has tables but no alembic_version); use another file or remove it");
        }

        command.CommandText = "SELECT version_num FROM alembic_version";
        var revisions = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                revisions.Add(reader.GetString(0));
            }
        }

        if (revisions.Count != 1 || revisions[0] != AlembicRevision)
        {
            var found = revisions.Count == 0 ? "no revision" : string.Join(", ", revisions);
            throw new TrackingStoreSchemaException(
                $"'{databasePath}' is an MLflow database at alembic revision {found}; this tool reads and writes revision {AlembicRevision} (MLflow 2.17.2) only. "
                + "Use a new database file, or a tracking server (MLFLOW_TRACKING_URI=http://…) for databases of other MLflow versions.");
        }
    }

    private static string LoadSql()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Segmentation.Tracking.Sqlite.schema.sql")
            ?? throw new InvalidOperationException("embedded resource Segmentation.Tracking.Sqlite.schema.sql is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string[] Split(string sql)
    {
        // Drop the comment lines; statements end with ";" at the end of a line and contain no other semicolons.
        var body = string.Join('\n', sql.ReplaceLineEndings("\n").Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
        return body.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.TrimEnd(';'))
            .Where(s => s.Length > 0)
            .ToArray();
    }
}
