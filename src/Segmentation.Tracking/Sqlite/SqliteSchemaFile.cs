using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Segmentation.Tracking.Sqlite;

/// <summary>One MLflow SQLite schema as MLflow itself created it, embedded verbatim, and the alembic revision it is at.</summary>
public sealed class SqliteSchemaFile
{
    internal SqliteSchemaFile(string mlflowVersion, string alembicRevision, string resourceName)
    {
        MlflowVersion = mlflowVersion;
        AlembicRevision = alembicRevision;
        Sql = LoadSql(resourceName);
        Statements = Split(Sql);
    }

    /// <summary>The MLflow release whose server created this schema (e.g. 3.11).</summary>
    public string MlflowVersion { get; }

    /// <summary>The alembic revision of this schema (the row of <c>alembic_version</c>).</summary>
    public string AlembicRevision { get; }

    /// <summary>The full text of the schema file.</summary>
    public string Sql { get; }

    /// <summary>The statements (tables, indexes, triggers and any rows), each exactly as MLflow's sqlite_master records it.</summary>
    public IReadOnlyList<string> Statements { get; }

    /// <summary>Creates every table, index and trigger and the alembic row inside <paramref name="transaction"/>.</summary>
    internal void Create(SqliteConnection connection, SqliteTransaction transaction)
    {
        foreach (var statement in Statements)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        // The 3.x dump ends with its alembic row; the 2.17.2 one has none, so it is added here.
        using var alembic = connection.CreateCommand();
        alembic.Transaction = transaction;
        alembic.CommandText = "INSERT INTO alembic_version (version_num) SELECT $v WHERE NOT EXISTS (SELECT 1 FROM alembic_version)";
        alembic.Parameters.AddWithValue("$v", AlembicRevision);
        alembic.ExecuteNonQuery();
    }

    private static string LoadSql(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string[] Split(string sql)
    {
        // Drop the comment lines; statements end with ";" at the end of a line. Only a trigger body holds more such
        // semicolons, so its pieces are joined again up to its END.
        var body = string.Join('\n', sql.ReplaceLineEndings("\n").Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
        var statements = new List<string>();
        string? trigger = null;
        foreach (var piece in body.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.TrimEnd(';')))
        {
            if (trigger is not null)
            {
                trigger += ";\n" + piece;
                if (piece.EndsWith("END", StringComparison.Ordinal))
                {
                    statements.Add(trigger);
                    trigger = null;
                }
            }
            else if (piece.StartsWith("CREATE TRIGGER", StringComparison.Ordinal))
            {
                trigger = piece;
            }
            else if (piece.Length > 0)
            {
                statements.Add(piece);
            }
        }

        return trigger is null ? statements.ToArray() : throw new InvalidOperationException("schema file ends inside a CREATE TRIGGER");
    }
}
