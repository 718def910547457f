using System.Globalization;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Search;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Sqlite;

public sealed partial class SqliteTrackingStore
{
    private const int MaxModelNameLength = 256;

    /// <summary>Delay between polls while a model version is PENDING_REGISTRATION.</summary>
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(200);
    private const string VersionColumns =
        "name, version, creation_time, last_updated_time, current_stage, description, source, run_id, status, status_message";

    /// <inheritdoc/>
    public async Task<RegisteredModel> CreateRegisteredModelAsync(string name, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ValidateModelName(name);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            TrackingValidation.ValidateTag("registered model tag", key, value, TrackingLimits.MaxRegistryValueLength);
        }

        await WriteAsync((connection, transaction) =>
        {
            var now = NowMs();
            var inserted = Execute(connection, transaction,
                "INSERT INTO registered_models (name, creation_time, last_updated_time, description" + Columns.ExtraColumns("registered_models") + ") "
                + "VALUES ($n, $now, $now, $d" + Columns.ExtraValues("registered_models") + ") ON CONFLICT DO NOTHING",
                ("$n", name), ("$now", now), ("$d", description));
            if (inserted == 0)
            {
                // Idempotent: the existing model is returned unchanged.
                return;
            }

            foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            {
                Execute(connection, transaction,
                    "INSERT INTO registered_model_tags (key, value, name" + Columns.ExtraColumns("registered_model_tags") + ") VALUES ($k, $v, $n" + Columns.ExtraValues("registered_model_tags") + ")",
                    ("$k", key), ("$v", value), ("$n", name));
            }
        }, cancellationToken).ConfigureAwait(false);
        return await GetRegisteredModelAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ReadAsync(connection => ReadModels(connection, null, "name = $n", [("$n", name)]).SingleOrDefault()
            ?? throw ModelNotFound(name), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RegisteredModel>> SearchRegisteredModelsAsync(string? filter = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<(string, object?)>();
        var where = new List<string> { "1 = 1" };
        foreach (var clause in SearchFilterParser.Parse(filter))
        {
            where.Add(clause switch
            {
                { Entity: FilterEntity.Attribute, Key: "name" } => StringClauseSql(clause, "m.name", parameters, "name"),
                { Entity: FilterEntity.Tag } => "EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.name = m.name" + Columns.InWorkspace("registered_model_tags", "t") + " AND t.key = "
                    + AddParameter(parameters, "$k", clause.Key) + " AND " + StringClauseSql(clause, "t.value", parameters, $"tag '{clause.Key}'") + ")",
                _ => throw new InvalidParameterException($"Invalid attribute '{clause.Key}' in registered model filter \"{filter}\"; expected name or tags.<key>"),
            });
        }

        return ReadAsync<IReadOnlyList<RegisteredModel>>(
            connection => ReadModels(connection, null, string.Join(" AND ", where), parameters.ToArray()), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ModelVersion> CreateModelVersionAsync(string name, string source, string? runId, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ValidateModelName(name);
        ArgumentException.ThrowIfNullOrEmpty(source);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            TrackingValidation.ValidateTag("model version tag", key, value, TrackingLimits.MaxRegistryValueLength);
        }

        return WriteAsync((connection, transaction) => InsertVersion(connection, transaction, name, source, source, runId, description, tags), cancellationToken);
    }

    private ModelVersion InsertVersion(
        SqliteConnection connection, SqliteTransaction transaction, string name, string source, string storageLocation, string? runId, string? description, IReadOnlyDictionary<string, string>? tags)
    {
        RequireModel(connection, transaction, name);
        var now = NowMs();
        // The next number is read inside the write transaction, so concurrent registrations get distinct versions.
        var version = Convert.ToInt64(Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE name = $n" + Columns.InWorkspace("model_versions"), ("$n", name)),
            CultureInfo.InvariantCulture);
        Execute(connection, transaction,
            "INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, source, run_id, status, "
            + "status_message, run_link, storage_location" + Columns.ExtraColumns("model_versions") + ") "
            + "VALUES ($n, $v, $now, $now, $d, NULL, 'None', $src, $run, 'READY', NULL, '', $loc" + Columns.ExtraValues("model_versions") + ")",
            ("$n", name), ("$v", version), ("$now", now), ("$d", description ?? string.Empty), ("$src", source), ("$run", runId), ("$loc", storageLocation));
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            Execute(connection, transaction,
                "INSERT INTO model_version_tags (key, value, name, version" + Columns.ExtraColumns("model_version_tags") + ") VALUES ($k, $val, $n, $v" + Columns.ExtraValues("model_version_tags") + ")",
                ("$k", key), ("$val", value), ("$n", name), ("$v", version));
        }

        Execute(connection, transaction, "UPDATE registered_models SET last_updated_time = $now WHERE name = $n" + Columns.InWorkspace("registered_models"), ("$now", now), ("$n", name));
        return ReadVersions(connection, transaction, "v.name = $n AND v.version = $v", [("$n", name), ("$v", version)])[0];
    }

    /// <inheritdoc/>
    public Task<ModelVersion> WaitForModelVersionReadyAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ModelVersionReadiness.WaitAsync(ct => GetModelVersionAsync(name, version, ct), name, version, timeout, ReadyPollInterval, _time, cancellationToken);

    /// <inheritdoc/>
    public Task<ModelVersion> GetModelVersionAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var number = ParseVersion(version);
        return ReadAsync(connection => ReadVersions(connection, null, "v.name = $n AND v.version = $v", [("$n", name), ("$v", number)]).SingleOrDefault()
            ?? throw VersionNotFound(name, version), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ModelVersion>> SearchModelVersionsAsync(string? filter = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<(string, object?)>();
        var where = new List<string> { "1 = 1" };
        foreach (var clause in SearchFilterParser.Parse(filter))
        {
            where.Add(clause switch
            {
                { Entity: FilterEntity.Attribute, Key: "name" } => StringClauseSql(clause, "v.name", parameters, "name"),
                { Entity: FilterEntity.Attribute, Key: "run_id" } => StringClauseSql(clause, "v.run_id", parameters, "run_id"),
                { Entity: FilterEntity.Attribute, Key: "source_path" } => StringClauseSql(clause, "v.source", parameters, "source_path"),
                { Entity: FilterEntity.Attribute, Key: "version_number", NumberValue: { } n } =>
                    $"v.version {(clause.IsOrdering || clause.Comparator is "=" or "!=" ? clause.Comparator : throw new InvalidParameterException("version_number takes = != > >= < <="))} {AddParameter(parameters, "$v", n)}",
                { Entity: FilterEntity.Tag } => "EXISTS (SELECT 1 FROM model_version_tags t WHERE t.name = v.name AND t.version = v.version" + Columns.InWorkspace("model_version_tags", "t") + " AND t.key = "
                    + AddParameter(parameters, "$k", clause.Key) + " AND " + StringClauseSql(clause, "t.value", parameters, $"tag '{clause.Key}'") + ")",
                _ => throw new InvalidParameterException(
                    $"Invalid attribute '{clause.Key}' in model version filter \"{filter}\"; expected name, run_id, source_path, version_number or tags.<key>"),
            });
        }

        return ReadAsync<IReadOnlyList<ModelVersion>>(
            connection => ReadVersions(connection, null, string.Join(" AND ", where), parameters.ToArray()), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ModelVersion> TransitionModelVersionStageAsync(string name, string version, string stage, bool archiveExistingVersions, CancellationToken cancellationToken = default)
    {
        var number = ParseVersion(version);
        var canonical = ModelStages.Canonical(stage);
        return WriteAsync((connection, transaction) =>
        {
            RequireVersion(connection, transaction, name, number, version);
            var now = NowMs();
            if (archiveExistingVersions && canonical is ModelStages.Staging or ModelStages.Production)
            {
                Execute(connection, transaction,
                    "UPDATE model_versions SET current_stage = 'Archived', last_updated_time = $now WHERE name = $n AND current_stage = $s AND version != $v"
                    + Columns.InWorkspace("model_versions"),
                    ("$now", now), ("$n", name), ("$s", canonical), ("$v", number));
            }

            Execute(connection, transaction, "UPDATE model_versions SET current_stage = $s, last_updated_time = $now WHERE name = $n AND version = $v" + Columns.InWorkspace("model_versions"),
                ("$s", canonical), ("$now", now), ("$n", name), ("$v", number));
            Execute(connection, transaction, "UPDATE registered_models SET last_updated_time = $now WHERE name = $n" + Columns.InWorkspace("registered_models"), ("$now", now), ("$n", name));
            return ReadVersions(connection, transaction, "v.name = $n AND v.version = $v", [("$n", name), ("$v", number)])[0];
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string>? stages = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var wanted = stages is { Count: > 0 } ? stages.Select(ModelStages.Canonical).Distinct().ToList() : null;
        return ReadAsync<IReadOnlyList<ModelVersion>>(connection =>
        {
            RequireModel(connection, null, name);
            return LatestPerStage(connection, null, name, wanted);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task SetRegisteredModelAliasAsync(string name, string alias, string version, CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateAlias(alias);
        var number = ParseVersion(version);
        return WriteAsync((connection, transaction) =>
        {
            RequireVersion(connection, transaction, name, number, version);
            Execute(connection, transaction,
                "INSERT INTO registered_model_aliases (alias, version, name" + Columns.ExtraColumns("registered_model_aliases") + ") "
                + "VALUES ($a, $v, $n" + Columns.ExtraValues("registered_model_aliases") + ") "
                + $"ON CONFLICT {Columns.ConflictKey("registered_model_aliases")} DO UPDATE SET version = excluded.version",
                ("$a", alias), ("$v", number), ("$n", name));
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ModelVersion?> GetModelVersionByAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(alias);
        return ReadAsync(connection => ReadVersions(connection, null,
            "EXISTS (SELECT 1 FROM registered_model_aliases a WHERE a.name = v.name AND a.version = v.version AND a.name = $n AND a.alias = $a"
            + Columns.InWorkspace("registered_model_aliases", "a") + ")",
            [("$n", name), ("$a", alias)]).SingleOrDefault(), cancellationToken);
    }

    /// <inheritdoc/>
    public Task DeleteRegisteredModelAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(alias);
        return WriteAsync((connection, transaction) =>
        {
            RequireModel(connection, transaction, name);
            Execute(connection, transaction, "DELETE FROM registered_model_aliases WHERE name = $n AND alias = $a" + Columns.InWorkspace("registered_model_aliases"),
                ("$n", name), ("$a", alias));
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task SetRegisteredModelTagAsync(string name, string key, string value, CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateTag("registered model tag", key, value, TrackingLimits.MaxRegistryValueLength);
        return WriteAsync((connection, transaction) =>
        {
            RequireModel(connection, transaction, name);
            Execute(connection, transaction,
                "INSERT INTO registered_model_tags (key, value, name" + Columns.ExtraColumns("registered_model_tags") + ") "
                + "VALUES ($k, $v, $n" + Columns.ExtraValues("registered_model_tags") + ") "
                + $"ON CONFLICT {Columns.ConflictKey("registered_model_tags")} DO UPDATE SET value = excluded.value",
                ("$k", key), ("$v", value), ("$n", name));
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task SetModelVersionTagAsync(string name, string version, string key, string value, CancellationToken cancellationToken = default)
    {
        var number = ParseVersion(version);
        TrackingValidation.ValidateTag("model version tag", key, value, TrackingLimits.MaxRegistryValueLength);
        return WriteAsync((connection, transaction) =>
        {
            RequireVersion(connection, transaction, name, number, version);
            Execute(connection, transaction,
                "INSERT INTO model_version_tags (key, value, name, version" + Columns.ExtraColumns("model_version_tags") + ") "
                + "VALUES ($k, $val, $n, $v" + Columns.ExtraValues("model_version_tags") + ") "
                + $"ON CONFLICT {Columns.ConflictKey("model_version_tags")} DO UPDATE SET value = excluded.value",
                ("$k", key), ("$val", value), ("$n", name), ("$v", number));
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<RegisteredModel> UpdateRegisteredModelAsync(string name, string? description, CancellationToken cancellationToken = default)
    {
        ValidateDescription(description);
        await WriteAsync((connection, transaction) =>
        {
            RequireModel(connection, transaction, name);
            Execute(connection, transaction, "UPDATE registered_models SET description = $d, last_updated_time = $now WHERE name = $n" + Columns.InWorkspace("registered_models"),
                ("$d", description), ("$now", NowMs()), ("$n", name));
        }, cancellationToken).ConfigureAwait(false);
        return await GetRegisteredModelAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<ModelVersion> UpdateModelVersionAsync(string name, string version, string? description, CancellationToken cancellationToken = default)
    {
        ValidateDescription(description);
        var number = ParseVersion(version);
        return WriteAsync((connection, transaction) =>
        {
            RequireVersion(connection, transaction, name, number, version);
            Execute(connection, transaction, "UPDATE model_versions SET description = $d, last_updated_time = $now WHERE name = $n AND version = $v" + Columns.InWorkspace("model_versions"),
                ("$d", description), ("$now", NowMs()), ("$n", name), ("$v", number));
            return ReadVersions(connection, transaction, "v.name = $n AND v.version = $v", [("$n", name), ("$v", number)])[0];
        }, cancellationToken);
    }

    private List<RegisteredModel> ReadModels(SqliteConnection connection, SqliteTransaction? transaction, string where, (string, object?)[] parameters)
    {
        var rows = Query(connection, transaction,
            $"SELECT m.name, m.creation_time, m.last_updated_time, m.description FROM registered_models m WHERE ({where}){Columns.InWorkspace("registered_models", "m")} ORDER BY m.name",
            r => (Name: r.GetString(0), Created: NullableLong(r, 1) ?? 0, Updated: NullableLong(r, 2) ?? 0, Description: NullableString(r, 3)), parameters);
        var models = new List<RegisteredModel>(rows.Count);
        foreach (var row in rows)
        {
            var tags = Query(connection, transaction, "SELECT key, value FROM registered_model_tags WHERE name = $n" + Columns.InWorkspace("registered_model_tags"),
                r => (Key: r.GetString(0), Value: NullableString(r, 1) ?? string.Empty), ("$n", row.Name)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            var aliases = Query(connection, transaction, "SELECT alias, version FROM registered_model_aliases WHERE name = $n" + Columns.InWorkspace("registered_model_aliases") + " ORDER BY alias",
                r => (Alias: r.GetString(0), Version: r.GetInt64(1).ToString(CultureInfo.InvariantCulture)), ("$n", row.Name))
                .ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal);
            models.Add(new RegisteredModel(row.Name, row.Created, row.Updated, row.Description, LatestPerStage(connection, transaction, row.Name, null), tags, aliases));
        }

        return models;
    }

    private List<ModelVersion> LatestPerStage(SqliteConnection connection, SqliteTransaction? transaction, string name, IReadOnlyList<string>? stages)
    {
        var latest = ReadVersions(connection, transaction,
            "v.name = $n AND v.version = (SELECT MAX(w.version) FROM model_versions w WHERE w.name = v.name AND w.current_stage = v.current_stage"
            + Columns.InWorkspace("model_versions", "w") + ")",
            [("$n", name)]);
        return latest.Where(v => stages is null || stages.Contains(v.CurrentStage))
            .OrderBy(v => long.Parse(v.Version, CultureInfo.InvariantCulture)).ToList();
    }

    private List<ModelVersion> ReadVersions(SqliteConnection connection, SqliteTransaction? transaction, string where, (string, object?)[] parameters)
    {
        var rows = Query(connection, transaction, $"SELECT {VersionColumns} FROM model_versions v WHERE ({where}){Columns.InWorkspace("model_versions", "v")} ORDER BY v.name, v.version DESC",
            r => (Name: r.GetString(0), Version: r.GetInt64(1), Created: NullableLong(r, 2) ?? 0, Updated: NullableLong(r, 3) ?? 0,
                Stage: NullableString(r, 4) ?? ModelStages.None, Description: NullableString(r, 5), Source: NullableString(r, 6) ?? string.Empty,
                RunId: NullableString(r, 7), Status: NullableString(r, 8) ?? ModelStages.Ready, Message: NullableString(r, 9)),
            parameters);
        var result = new List<ModelVersion>(rows.Count);
        foreach (var row in rows)
        {
            var tags = Query(connection, transaction, "SELECT key, value FROM model_version_tags WHERE name = $n AND version = $v" + Columns.InWorkspace("model_version_tags"),
                r => (Key: r.GetString(0), Value: NullableString(r, 1) ?? string.Empty), ("$n", row.Name), ("$v", row.Version))
                .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            var aliases = Query(connection, transaction, "SELECT alias FROM registered_model_aliases WHERE name = $n AND version = $v" + Columns.InWorkspace("registered_model_aliases") + " ORDER BY alias",
                r => r.GetString(0), ("$n", row.Name), ("$v", row.Version));
            result.Add(new ModelVersion(row.Name, row.Version.ToString(CultureInfo.InvariantCulture), row.Created, row.Updated, row.Stage,
                row.Description, row.Source, row.RunId, row.Status, row.Message, tags, aliases));
        }

        return result;
    }

    private void RequireModel(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        if (Scalar(connection, transaction, "SELECT 1 FROM registered_models WHERE name = $n" + Columns.InWorkspace("registered_models"), ("$n", name)) is null)
        {
            throw ModelNotFound(name);
        }
    }

    private void RequireVersion(SqliteConnection connection, SqliteTransaction? transaction, string name, long number, string version)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Scalar(connection, transaction, "SELECT 1 FROM model_versions WHERE name = $n AND version = $v" + Columns.InWorkspace("model_versions"), ("$n", name), ("$v", number)) is null)
        {
            throw VersionNotFound(name, version);
        }
    }

    private static ResourceNotFoundException ModelNotFound(string name) => new($"Registered Model with name={name} not found");

    private static ResourceNotFoundException VersionNotFound(string name, string version) => new($"Model Version (name={name}, version={version}) not found");

    private static long ParseVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new InvalidParameterException($"Model version must be a positive integer, got '{version}'");
    }

    private static void ValidateModelName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidParameterException("registered model name must not be empty");
        }

        if (name.Length > MaxModelNameLength)
        {
            throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture,
                $"registered model name is {name.Length} characters long; at most {MaxModelNameLength} are allowed"));
        }
    }

    private static void ValidateDescription(string? description)
    {
        if (description is { Length: > TrackingLimits.MaxRegistryValueLength })
        {
            throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture,
                $"description is {description.Length} characters long; at most {TrackingLimits.MaxRegistryValueLength} are allowed"));
        }
    }
}
