using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Sqlite;

/// <summary>
/// The tables and columns of one open database, read once with <c>PRAGMA table_info</c> when the store opens it, and the
/// SQL fragments that depend on them: the columns later MLflow revisions added (<c>workspace</c>, <c>inputs.step</c>),
/// filled as MLflow fills them, and the upsert keys that grew a <c>workspace</c> column in MLflow 3.
/// </summary>
/// <remarks>
/// One store serves every revision from 2.17.2's to 3.x's head this way, instead of one copy of the SQL per schema.
/// A database at a revision this tool does not know is used when it has everything <see cref="Required"/> lists;
/// otherwise opening it fails naming exactly what is missing.
/// </remarks>
internal sealed class SqliteColumnLayout
{
    /// <summary>The workspace MLflow 3 files everything under while workspaces are off (its column default and what its server writes).</summary>
    internal const string DefaultWorkspace = "default";

    /// <summary>Every table and column the store reads or writes: MLflow 2.17.2's, which every later revision keeps.</summary>
    private static readonly (string Table, string[] Columns)[] Required =
    [
        ("alembic_version", ["version_num"]),
        ("experiments", ["experiment_id", "name", "artifact_location", "lifecycle_stage", "creation_time", "last_update_time"]),
        ("experiment_tags", ["key", "value", "experiment_id"]),
        ("runs", ["run_uuid", "name", "source_type", "source_name", "entry_point_name", "user_id", "status", "start_time", "end_time",
            "source_version", "lifecycle_stage", "artifact_uri", "experiment_id", "deleted_time"]),
        ("tags", ["key", "value", "run_uuid"]),
        ("params", ["key", "value", "run_uuid"]),
        ("metrics", ["key", "value", "timestamp", "run_uuid", "step", "is_nan"]),
        ("latest_metrics", ["key", "value", "timestamp", "step", "is_nan", "run_uuid"]),
        ("datasets", ["dataset_uuid", "experiment_id", "name", "digest", "dataset_source_type", "dataset_source", "dataset_schema", "dataset_profile"]),
        ("inputs", ["input_uuid", "source_type", "source_id", "destination_type", "destination_id"]),
        ("input_tags", ["input_uuid", "name", "value"]),
        ("registered_models", ["name", "creation_time", "last_updated_time", "description"]),
        ("registered_model_tags", ["key", "value", "name"]),
        ("model_versions", ["name", "version", "creation_time", "last_updated_time", "description", "user_id", "current_stage", "source",
            "run_id", "status", "status_message", "run_link", "storage_location"]),
        ("model_version_tags", ["key", "value", "name", "version"]),
        ("registered_model_aliases", ["alias", "version", "name"]),
    ];

    /// <summary>
    /// MLflow 3's logged-model tables (alembic 400f98739977) and the <c>inputs.step</c> of model outputs (6953534de441), every
    /// column of each as the v3 schema has them: with all of them the store records logged models, without any it keeps MLflow 2's path.
    /// </summary>
    private static readonly (string Table, string[] Columns)[] LoggedModelTables =
    [
        ("logged_models", ["model_id", "experiment_id", "name", "artifact_location", "creation_timestamp_ms", "last_updated_timestamp_ms", "status",
            "lifecycle_stage", "model_type", "source_run_id", "status_message"]),
        ("logged_model_params", ["model_id", "experiment_id", "param_key", "param_value"]),
        ("logged_model_tags", ["model_id", "experiment_id", "tag_key", "tag_value"]),
        ("logged_model_metrics", ["model_id", "metric_name", "metric_timestamp_ms", "metric_step", "metric_value", "experiment_id", "run_id",
            "dataset_uuid", "dataset_name", "dataset_digest"]),
    ];

    /// <summary>
    /// The unique keys the store's upserts and duplicate checks rely on, as in 2.17.2; where the table has a
    /// <c>workspace</c> column (MLflow 3) the key starts with it.
    /// </summary>
    private static readonly Dictionary<string, string[]> UniqueKeys = new(StringComparer.Ordinal)
    {
        ["experiments"] = ["name"],
        ["experiment_tags"] = ["key", "experiment_id"],
        ["tags"] = ["key", "run_uuid"],
        ["params"] = ["key", "run_uuid"],
        ["latest_metrics"] = ["key", "run_uuid"],
        ["inputs"] = ["source_type", "source_id", "destination_type", "destination_id"],
        ["registered_models"] = ["name"],
        ["registered_model_tags"] = ["key", "name"],
        ["model_version_tags"] = ["key", "name", "version"],
        ["registered_model_aliases"] = ["name", "alias"],
    };

    /// <summary>Columns later revisions added to the tables above, and the value MLflow 3 writes into them (its example rows).</summary>
    private static readonly (string Column, string Value)[] AddedColumns =
    [
        ("workspace", "'" + DefaultWorkspace + "'"),
        ("step", "0"),
    ];

    private readonly Dictionary<string, HashSet<string>> _columns;
    private readonly Dictionary<string, string> _extraColumns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _extraValues = new(StringComparer.Ordinal);

    private SqliteColumnLayout(string revision, Dictionary<string, HashSet<string>> columns)
    {
        Revision = revision;
        _columns = columns;
        foreach (var (table, _) in Required)
        {
            var added = AddedColumns.Where(a => Has(table, a.Column)).ToList();
            _extraColumns[table] = string.Concat(added.Select(a => ", " + a.Column));
            _extraValues[table] = string.Concat(added.Select(a => ", " + a.Value));
        }
    }

    /// <summary>The database's alembic revision.</summary>
    public string Revision { get; }

    /// <summary>Whether <see cref="Revision"/> is one of <see cref="SqliteSchema.KnownRevisions"/>.</summary>
    public bool IsKnownRevision => SqliteSchema.KnownRevisions.Contains(Revision, StringComparer.Ordinal);

    /// <summary>Reads the revision and the columns of every table the store uses, and checks the store can use them.</summary>
    /// <exception cref="TrackingStoreSchemaException">Not an MLflow database, no single revision, or a table, column or key the store needs is missing.</exception>
    public static SqliteColumnLayout Read(SqliteConnection connection, SqliteTransaction? transaction, string databasePath)
    {
        var revision = ReadRevision(connection, transaction, databasePath);
        var columns = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (table, required) in Required)
        {
            var info = Rows(connection, transaction, "SELECT name, \"notnull\", dflt_value IS NOT NULL FROM pragma_table_info($t)", table,
                r => (Name: r.GetString(0), NotNull: r.GetInt64(1) != 0, HasDefault: r.GetInt64(2) != 0));
            if (info.Count == 0)
            {
                problems.Add($"table {table} is missing");
                continue;
            }

            var present = info.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            columns[table] = present;
            problems.AddRange(required.Where(c => !present.Contains(c)).Select(c => $"table {table} has no column {c}"));
            // The store's INSERTs name only the required and added columns; any other NOT NULL column needs a default.
            problems.AddRange(info
                .Where(c => c.NotNull && !c.HasDefault)
                .Where(c => !required.Contains(c.Name, StringComparer.Ordinal) && !AddedColumns.Any(a => a.Column == c.Name))
                .Select(c => $"table {table} has a NOT NULL column {c.Name} without a default, which this tool does not write"));
        }

        foreach (var (table, key) in UniqueKeys)
        {
            if (!columns.TryGetValue(table, out var present) || key.Any(c => !present.Contains(c)))
            {
                continue;
            }

            var expected = (present.Contains("workspace") ? key.Prepend("workspace") : key).ToHashSet(StringComparer.Ordinal);
            var uniqueIndexes = Rows(connection, transaction,
                "SELECT il.name, ii.name FROM pragma_index_list($t) il JOIN pragma_index_info(il.name) ii WHERE il.\"unique\" = 1", table,
                r => (Index: r.GetString(0), Column: r.IsDBNull(1) ? string.Empty : r.GetString(1)));
            if (!uniqueIndexes.GroupBy(i => i.Index).Any(g => g.Select(i => i.Column).ToHashSet(StringComparer.Ordinal).SetEquals(expected)))
            {
                problems.Add($"table {table} has no unique key on ({string.Join(", ", expected)})");
            }
        }

        foreach (var (table, _) in LoggedModelTables)
        {
            var present = Rows(connection, transaction, "SELECT name FROM pragma_table_info($t)", table, r => r.GetString(0));
            if (present.Count > 0)
            {
                columns[table] = present.ToHashSet(StringComparer.Ordinal);
            }
        }

        var layout = new SqliteColumnLayout(revision, columns);
        if (problems.Count > 0)
        {
            var known = layout.IsKnownRevision ? string.Empty : ", which this tool does not know,";
            throw new TrackingStoreSchemaException(
                $"'{databasePath}' is an MLflow database at alembic revision {revision}{known} and lacks what this tool reads and writes: "
                + string.Join("; ", problems) + ". "
                + $"This tool uses databases at revisions {SqliteSchema.SupportedRange} (or a later one that keeps these tables and columns) in place. "
                + "Use a new database file, or a tracking server (MLFLOW_TRACKING_URI=http://…) for this one.");
        }

        return layout;
    }

    /// <summary>Whether the database has MLflow 3's logged-model tables with every column the store writes, and <c>inputs.step</c>.</summary>
    public bool SupportsLoggedModels => Has("inputs", "step") && LoggedModelTables.All(t => t.Columns.All(c => Has(t.Table, c)));

    /// <summary>Whether <paramref name="table"/> has <paramref name="column"/>.</summary>
    public bool Has(string table, string column) => _columns.TryGetValue(table, out var columns) && columns.Contains(column);

    /// <summary>", workspace" / ", step" (or nothing): the added columns an INSERT into <paramref name="table"/> names after its 2.17.2 columns.</summary>
    public string ExtraColumns(string table) => _extraColumns[table];

    /// <summary>", 'default'" / ", 0" (or nothing): the values for <see cref="ExtraColumns"/>, as MLflow 3 writes them.</summary>
    public string ExtraValues(string table) => _extraValues[table];

    /// <summary>" AND alias.workspace = 'default'" when <paramref name="table"/> has a workspace column, else nothing.</summary>
    public string InWorkspace(string table, string? alias = null) =>
        Has(table, "workspace") ? $" AND {(alias is null ? string.Empty : alias + ".")}workspace = '{DefaultWorkspace}'" : string.Empty;

    /// <summary>The ON CONFLICT target of <paramref name="table"/>'s upserts, e.g. "(workspace, key, name)" in MLflow 3.</summary>
    public string ConflictKey(string table)
    {
        var key = UniqueKeys[table];
        return "(" + string.Join(", ", Has(table, "workspace") ? key.Prepend("workspace") : key) + ")";
    }

    private static string ReadRevision(SqliteConnection connection, SqliteTransaction? transaction, string databasePath)
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

        if (revisions.Count != 1)
        {
            var found = revisions.Count == 0 ? "no revision" : string.Join(", ", revisions);
            throw new TrackingStoreSchemaException(
                $"'{databasePath}' is an MLflow database with {found} in alembic_version where MLflow keeps exactly one; "
                + $"this tool uses databases at revisions {SqliteSchema.SupportedRange}. Restore the file from a backup or use a new one.");
        }

        return revisions[0];
    }

    private static List<T> Rows<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, string table, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$t", table);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
