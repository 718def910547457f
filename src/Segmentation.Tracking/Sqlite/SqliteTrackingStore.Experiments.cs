using System.Globalization;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Sqlite;

public sealed partial class SqliteTrackingStore
{
    private const int MaxExperimentNameLength = 256;

    /// <inheritdoc/>
    public async Task<Experiment> GetOrCreateExperimentAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ValidateExperimentName(name);
        if (await GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        try
        {
            return await CreateExperimentAsync(name, tags, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceAlreadyExistsException)
        {
            // Another process created it between our lookup and insert.
            return await GetExperimentByNameAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException($"experiment '{name}' was reported to exist but cannot be read");
        }
    }

    /// <summary>Creates an experiment; throws <see cref="ResourceAlreadyExistsException"/> when the name is taken.</summary>
    public Task<Experiment> CreateExperimentAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ValidateExperimentName(name);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            TrackingValidation.ValidateTag("experiment tag", key, value, TrackingLimits.MaxExperimentTagValueLength);
        }

        return WriteAsync((connection, transaction) =>
        {
            var now = NowMs();
            long id;
            try
            {
                id = Convert.ToInt64(Scalar(connection, transaction,
                    "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time" + Columns.ExtraColumns("experiments") + ") "
                    + "VALUES ($name, NULL, 'active', $now, $now" + Columns.ExtraValues("experiments") + ") RETURNING experiment_id",
                    ("$name", name), ("$now", now)), CultureInfo.InvariantCulture);
            }
            catch (SqliteException ex) when (IsConstraintViolation(ex))
            {
                throw new ResourceAlreadyExistsException($"Experiment '{name}' already exists.", ex);
            }

            // As MLflow does: the location needs the id, so it is set right after the insert.
            Execute(connection, transaction, "UPDATE experiments SET artifact_location = $loc WHERE experiment_id = $id",
                ("$loc", ExperimentArtifactLocation(id)), ("$id", id));
            foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            {
                Execute(connection, transaction, "INSERT INTO experiment_tags (key, value, experiment_id) VALUES ($k, $v, $id)",
                    ("$k", key), ("$v", value), ("$id", id));
            }

            return ReadExperiment(connection, transaction, "experiment_id = $id", ("$id", id))!;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Experiment?> GetExperimentByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ReadAsync(connection => ReadExperiment(connection, null, "name = $name", ("$name", name)), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        var id = ParseExperimentId(experimentId);
        return ReadAsync(connection => ReadExperiment(connection, null, "experiment_id = $id", ("$id", id))
            ?? throw new ResourceNotFoundException($"No Experiment with id={experimentId} exists"), cancellationToken);
    }

    /// <inheritdoc/>
    public Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken = default)
    {
        var id = ParseExperimentId(experimentId);
        TrackingValidation.ValidateTag("experiment tag", key, value, TrackingLimits.MaxExperimentTagValueLength);
        return WriteAsync((connection, transaction) =>
        {
            RequireExperiment(connection, transaction, id, experimentId);
            Execute(connection, transaction,
                "INSERT INTO experiment_tags (key, value, experiment_id) VALUES ($k, $v, $id) "
                + $"ON CONFLICT {Columns.ConflictKey("experiment_tags")} DO UPDATE SET value = excluded.value",
                ("$k", key), ("$v", value), ("$id", id));
        }, cancellationToken);
    }

    private string ExperimentArtifactLocation(long experimentId) =>
        new Uri(Path.Combine(ArtifactRootDirectory, experimentId.ToString(CultureInfo.InvariantCulture))).AbsoluteUri;

    private void RequireExperiment(SqliteConnection connection, SqliteTransaction? transaction, long id, string experimentId)
    {
        var stage = Scalar(connection, transaction, "SELECT lifecycle_stage FROM experiments WHERE experiment_id = $id", ("$id", id)) as string;
        if (stage is null)
        {
            throw new ResourceNotFoundException($"No Experiment with id={experimentId} exists");
        }

        if (stage != "active")
        {
            throw new InvalidParameterException($"The experiment {experimentId} must be in the 'active' state. Current state is {stage}.");
        }
    }

    private Experiment? ReadExperiment(SqliteConnection connection, SqliteTransaction? transaction, string where, params (string Name, object? Value)[] parameters)
    {
        var rows = Query(connection, transaction,
            "SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time FROM experiments WHERE (" + where + ")"
            + Columns.InWorkspace("experiments"),
            r => (Id: r.GetInt64(0), Name: r.GetString(1), Location: NullableString(r, 2) ?? string.Empty, Stage: NullableString(r, 3) ?? "active",
                Created: NullableLong(r, 4), Updated: NullableLong(r, 5)),
            parameters);
        if (rows.Count == 0)
        {
            return null;
        }

        var row = rows[0];
        var tags = Query(connection, transaction, "SELECT key, value FROM experiment_tags WHERE experiment_id = $id",
            r => (Key: r.GetString(0), Value: NullableString(r, 1) ?? string.Empty), ("$id", row.Id))
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return new Experiment(row.Id.ToString(CultureInfo.InvariantCulture), row.Name, row.Location, row.Stage, row.Created, row.Updated, tags);
    }

    private static long ParseExperimentId(string experimentId)
    {
        ArgumentNullException.ThrowIfNull(experimentId);
        return long.TryParse(experimentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidParameterException($"experiment id '{experimentId}' is not an integer; the SQL store uses integer ids");
    }

    private static void ValidateExperimentName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidParameterException("experiment name must not be empty");
        }

        if (name.Length > MaxExperimentNameLength)
        {
            throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture,
                $"experiment name '{name[..40]}…' is {name.Length} characters long; at most {MaxExperimentNameLength} are allowed"));
        }
    }
}
