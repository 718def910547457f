using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Artifacts;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Sqlite;

/// <summary>
/// MLflow 3 logged models in their own tables, written as MLflow 3's server writes them (v3 example-rows.sql): an INTEGER
/// status, '' for an absent model type or source run, params and tags keyed per model, every model metric in the run's
/// metrics and in <c>logged_model_metrics</c>, and a run output as an <c>inputs</c> row RUN_OUTPUT → MODEL_OUTPUT with its step.
/// </summary>
public sealed partial class SqliteTrackingStore
{
    private const string LoggedModelColumns =
        "model_id, experiment_id, name, artifact_location, status, source_run_id, model_type, creation_timestamp_ms, last_updated_timestamp_ms";

    /// <inheritdoc/>
    /// <remarks>From the schema detected at open: a 2.17.2 database has no logged_models tables; one MLflow 3 created or upgraded has them.</remarks>
    public Task<bool> SupportsLoggedModelsAsync(CancellationToken cancellationToken = default) => Task.FromResult(Columns.SupportsLoggedModels);

    /// <inheritdoc/>
    public async Task<LoggedModel> CreateLoggedModelAsync(CreateLoggedModelRequest request, CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateLoggedModel(request);
        RequireLoggedModelTables();
        var experimentId = ParseExperimentId(request.ExperimentId);
        var model = await WriteAsync((connection, transaction) =>
        {
            RequireExperiment(connection, transaction, experimentId, request.ExperimentId);
            var location = (string?)Scalar(connection, transaction, "SELECT artifact_location FROM experiments WHERE experiment_id = $id", ("$id", experimentId))
                ?? ExperimentArtifactLocation(experimentId);
            var modelId = "m-" + NewUuid();
            var now = NowMs();
            // MLflow 3 puts a model's artifacts under its experiment: <experiment location>/models/<model_id>/artifacts.
            Execute(connection, transaction,
                "INSERT INTO logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp_ms, last_updated_timestamp_ms, status, "
                + "lifecycle_stage, model_type, source_run_id, status_message) VALUES ($id, $exp, $name, $loc, $now, $now, $status, 'active', $type, $run, NULL)",
                ("$id", modelId), ("$exp", experimentId), ("$name", request.Name), ("$loc", location.TrimEnd('/') + "/models/" + modelId + "/artifacts"),
                ("$now", now), ("$status", (int)LoggedModelStatus.Pending), ("$type", request.ModelType ?? string.Empty), ("$run", request.SourceRunId ?? string.Empty));
            foreach (var (key, value) in request.Params ?? new Dictionary<string, string>())
            {
                Execute(connection, transaction, "INSERT INTO logged_model_params (model_id, experiment_id, param_key, param_value) VALUES ($id, $exp, $k, $v)",
                    ("$id", modelId), ("$exp", experimentId), ("$k", key), ("$v", value));
            }

            foreach (var (key, value) in request.Tags ?? new Dictionary<string, string>())
            {
                UpsertModelTag(connection, transaction, modelId, experimentId, key, value);
            }

            return ReadLoggedModel(connection, transaction, modelId);
        }, cancellationToken).ConfigureAwait(false);

        // Committed: its files go where it says, with no lookup per file.
        _loggedModelArtifactDirectories.TryAdd(model.ModelId, ArtifactUriToPath(model.ArtifactUri));
        return model;
    }

    /// <inheritdoc/>
    public Task<LoggedModel> GetLoggedModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateLoggedModelId(modelId);
        RequireLoggedModelTables();
        return ReadAsync(connection => ReadLoggedModel(connection, null, modelId), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LoggedModel>> SearchLoggedModelsAsync(IReadOnlyList<string> experimentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experimentIds);
        if (experimentIds.Count == 0)
        {
            throw new ArgumentException("logged model search needs at least one experiment id", nameof(experimentIds));
        }

        RequireLoggedModelTables();
        var ids = experimentIds.Select(ParseExperimentId).ToArray();
        return ReadAsync<IReadOnlyList<LoggedModel>>(connection =>
        {
            var names = ids.Select((_, i) => "$e" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            // Newest first, as MLflow's default order (v3 fixture 108).
            var modelIds = Query(connection, null,
                $"SELECT model_id FROM logged_models WHERE lifecycle_stage = 'active' AND experiment_id IN ({string.Join(", ", names)}) "
                + "ORDER BY creation_timestamp_ms DESC, model_id",
                r => r.GetString(0), ids.Select((id, i) => (names[i], (object?)id)).ToArray());
            return modelIds.Select(id => ReadLoggedModel(connection, null, id)).ToArray();
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<LoggedModel> FinalizeLoggedModelAsync(string modelId, LoggedModelStatus status, CancellationToken cancellationToken = default)
    {
        TrackingValidation.ValidateLoggedModelId(modelId);
        _ = LoggedModelStatusNames.ToMlflow(status);
        RequireLoggedModelTables();
        return WriteAsync((connection, transaction) =>
        {
            var updated = Execute(connection, transaction,
                "UPDATE logged_models SET status = $status, last_updated_timestamp_ms = $now WHERE model_id = $id AND lifecycle_stage = 'active'",
                ("$status", (int)status), ("$now", NowMs()), ("$id", modelId));
            return updated == 1 ? ReadLoggedModel(connection, transaction, modelId) : throw LoggedModelNotFound(modelId);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>One transaction: the run's params, tags and metrics and the model's rows are written together or not at all.</remarks>
    public Task LogLoggedModelMetricsAsync(
        string runId, string modelId, IReadOnlyList<Metric> metrics, string? datasetName = null, string? datasetDigest = null,
        IReadOnlyList<Param>? parameters = null, IReadOnlyList<RunTag>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        TrackingValidation.ValidateLoggedModelId(modelId);
        TrackingValidation.ValidateDatasetReference(datasetName, datasetDigest);
        var chunks = TrackingValidation.ValidateAndChunk(metrics, parameters, tags);
        RequireLoggedModelTables();
        if (chunks.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync((connection, transaction) =>
        {
            RequireRun(connection, transaction, runId);
            var experimentId = ModelExperiment(connection, transaction, modelId);
            var insert = Command(connection, transaction,
                "INSERT INTO logged_model_metrics (model_id, metric_name, metric_timestamp_ms, metric_step, metric_value, experiment_id, run_id, "
                + "dataset_uuid, dataset_name, dataset_digest) VALUES ($id, $k, $t, $s, $v, $exp, $run, NULL, $dn, $dd) ON CONFLICT DO NOTHING",
                ("$id", modelId), ("$k", string.Empty), ("$t", 0L), ("$s", 0L), ("$v", 0.0), ("$exp", experimentId), ("$run", runId),
                ("$dn", datasetName), ("$dd", datasetDigest));
            foreach (var chunk in chunks)
            {
                InsertParams(connection, transaction, runId, chunk.Params);
                foreach (var tag in chunk.Tags)
                {
                    UpsertTag(connection, transaction, runId, tag.Key, tag.Value);
                }

                InsertMetrics(connection, transaction, runId, chunk.Metrics);
                foreach (var m in chunk.Metrics)
                {
                    insert.Parameters["$k"].Value = m.Key;
                    insert.Parameters["$t"].Value = m.TimestampMs;
                    insert.Parameters["$s"].Value = m.Step;
                    // metric_value is nullable: NaN has no SQL value, so it is stored as NULL and read back as NaN.
                    insert.Parameters["$v"].Value = double.IsNaN(m.Value) ? DBNull.Value : m.Value;
                    Execute(insert);
                }
            }
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task LogModelOutputAsync(string runId, string modelId, long step = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        TrackingValidation.ValidateLoggedModelId(modelId);
        RequireLoggedModelTables();
        return WriteAsync((connection, transaction) =>
        {
            RequireRun(connection, transaction, runId);
            _ = ModelExperiment(connection, transaction, modelId);
            // SupportsLoggedModels implies inputs.step (and inputs has no workspace column in any revision).
            var inserted = Execute(connection, transaction,
                "INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id, step) "
                + "VALUES ($id, 'RUN_OUTPUT', $run, 'MODEL_OUTPUT', $model, $step) ON CONFLICT DO NOTHING",
                ("$id", NewUuid()), ("$run", runId), ("$model", modelId), ("$step", step));
            if (inserted == 0)
            {
                // MLflow refuses the same output twice with its UNIQUE-constraint text (v3 fixture 124).
                throw new MlflowException(ErrorCodes.BadRequest,
                    $"UNIQUE constraint failed: inputs.source_type, inputs.source_id, inputs.destination_type, inputs.destination_id (run {runId} already outputs model {modelId})");
            }
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task UploadLoggedModelArtifactContentAsync(string modelId, string artifactFilePath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var relative = ArtifactPaths.NormaliseFile(artifactFilePath, nameof(artifactFilePath));
        WriteArtifactContent(await LoggedModelArtifactDirectoryAsync(modelId, cancellationToken).ConfigureAwait(false), relative, content, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ArtifactFile>> ListLoggedModelArtifactsAsync(string modelId, string? path = null, CancellationToken cancellationToken = default) =>
        ListArtifactsUnder(await LoggedModelArtifactDirectoryAsync(modelId, cancellationToken).ConfigureAwait(false), path);

    /// <inheritdoc/>
    public async Task DownloadLoggedModelArtifactAsync(string modelId, string path, string localDestination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(localDestination);
        await CopyArtifactOutAsync(await LoggedModelArtifactDirectoryAsync(modelId, cancellationToken).ConfigureAwait(false), path, localDestination,
            $"artifact '{path}' of logged model {modelId}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// As MLflow 3's server does on this request (v3 fixtures 126, 129, example rows): storage_location is the model's artifact
    /// folder, run_id its source run when none is given, and the model's <c>mlflow.modelVersions</c> tag gains
    /// <c>{"name": …, "version": n}</c>; an unknown model is the server's 500 INTERNAL_ERROR (133).
    /// </remarks>
    public Task<ModelVersion> CreateModelVersionFromLoggedModelAsync(string name, string modelId, string? runId, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ValidateModelName(name);
        TrackingValidation.ValidateLoggedModelId(modelId);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            TrackingValidation.ValidateTag("model version tag", key, value, TrackingLimits.MaxRegistryValueLength);
        }

        RequireLoggedModelTables();
        var source = LoggedModelUri.For(modelId);
        return WriteAsync((connection, transaction) =>
        {
            var model = Query(connection, transaction,
                "SELECT artifact_location, source_run_id, experiment_id FROM logged_models WHERE model_id = $id AND lifecycle_stage = 'active'",
                r => (Location: r.GetString(0), Run: NullableString(r, 1), Experiment: r.GetInt64(2)), ("$id", modelId)).SingleOrDefault();
            if (model.Location is null)
            {
                throw new MlflowException(ErrorCodes.InternalError,
                    $"Unable to fetch model from model URI source artifact location '{source}'.Error: Logged model with ID '{modelId}' not found.");
            }

            var version = InsertVersion(connection, transaction, name, source, model.Location, runId ?? model.Run, description, tags);
            var existing = Scalar(connection, transaction, "SELECT tag_value FROM logged_model_tags WHERE model_id = $id AND tag_key = $k",
                ("$id", modelId), ("$k", MlflowTags.ModelVersions)) as string;
            UpsertModelTag(connection, transaction, modelId, model.Experiment, MlflowTags.ModelVersions, AppendModelVersion(existing, name, version.Version));
            return version;
        }, cancellationToken);
    }

    /// <summary>The run outputs of the runs in <paramref name="inList"/>, in the order they were logged.</summary>
    private ILookup<string, ModelOutput> ReadModelOutputs(SqliteConnection connection, SqliteTransaction? transaction, string inList, (string, object?)[] parameters)
    {
        if (!Columns.SupportsLoggedModels)
        {
            return Array.Empty<(string Run, ModelOutput Output)>().ToLookup(x => x.Run, x => x.Output);
        }

        return Query(connection, transaction,
            "SELECT source_id, destination_id, step FROM inputs WHERE source_type = 'RUN_OUTPUT' AND destination_type = 'MODEL_OUTPUT' "
            + $"AND source_id IN ({inList}) ORDER BY rowid",
            r => (Run: r.GetString(0), Output: new ModelOutput(r.GetString(1), r.GetInt64(2))), parameters).ToLookup(x => x.Run, x => x.Output);
    }

    private LoggedModel ReadLoggedModel(SqliteConnection connection, SqliteTransaction? transaction, string modelId)
    {
        var id = ("$id", (object?)modelId);
        var info = Query(connection, transaction, $"SELECT {LoggedModelColumns} FROM logged_models WHERE model_id = $id AND lifecycle_stage = 'active'",
            r => (Id: r.GetString(0), Experiment: r.GetInt64(1), Name: r.GetString(2), Location: r.GetString(3), Status: r.GetInt64(4),
                Run: NullableString(r, 5), Type: NullableString(r, 6), Created: r.GetInt64(7), Updated: r.GetInt64(8)), id).SingleOrDefault();
        if (info.Id is null)
        {
            throw LoggedModelNotFound(modelId);
        }

        // Sorted by key, as the server returns them (v3 fixtures 102, 129).
        var parameters = Query(connection, transaction, "SELECT param_key, param_value FROM logged_model_params WHERE model_id = $id ORDER BY param_key",
            r => (Key: r.GetString(0), Value: r.GetString(1)), id);
        var tags = Query(connection, transaction, "SELECT tag_key, tag_value FROM logged_model_tags WHERE model_id = $id ORDER BY tag_key",
            r => (Key: r.GetString(0), Value: r.GetString(1)), id);
        var metrics = Query(connection, transaction,
            "SELECT metric_name, metric_value, metric_timestamp_ms, metric_step FROM logged_model_metrics WHERE model_id = $id ORDER BY rowid",
            r => new Metric(r.GetString(0), r.IsDBNull(1) ? double.NaN : r.GetDouble(1), r.GetInt64(2), r.GetInt64(3)), id);
        return new LoggedModel(
            info.Id,
            info.Experiment.ToString(CultureInfo.InvariantCulture),
            info.Name,
            info.Location,
            Enum.IsDefined((LoggedModelStatus)info.Status) ? (LoggedModelStatus)info.Status : LoggedModelStatus.Pending,
            string.IsNullOrEmpty(info.Run) ? null : info.Run,
            string.IsNullOrEmpty(info.Type) ? null : info.Type,
            info.Created,
            info.Updated,
            parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            metrics);
    }

    private long ModelExperiment(SqliteConnection connection, SqliteTransaction? transaction, string modelId) =>
        Scalar(connection, transaction, "SELECT experiment_id FROM logged_models WHERE model_id = $id AND lifecycle_stage = 'active'", ("$id", modelId)) is { } experiment
            ? Convert.ToInt64(experiment, CultureInfo.InvariantCulture)
            : throw LoggedModelNotFound(modelId);

    private void UpsertModelTag(SqliteConnection connection, SqliteTransaction transaction, string modelId, long experimentId, string key, string value) =>
        Execute(connection, transaction,
            "INSERT INTO logged_model_tags (model_id, experiment_id, tag_key, tag_value) VALUES ($id, $exp, $k, $v) "
            + "ON CONFLICT (model_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value",
            ("$id", modelId), ("$exp", experimentId), ("$k", key), ("$v", value));

    /// <summary>The tag's JSON list with one more <c>{"name", "version"}</c>, the version a number, in Python's json.dumps form (example rows).</summary>
    private static string AppendModelVersion(string? existing, string name, string version) =>
        LoggedModelHistory.AppendToList(existing, new JsonObject { ["name"] = name, ["version"] = long.Parse(version, CultureInfo.InvariantCulture) });

    private async Task<string> LoggedModelArtifactDirectoryAsync(string modelId, CancellationToken cancellationToken)
    {
        TrackingValidation.ValidateLoggedModelId(modelId);
        RequireLoggedModelTables();
        if (_loggedModelArtifactDirectories.TryGetValue(modelId, out var known))
        {
            return known;
        }

        var uri = await ReadAsync(connection => Scalar(connection, null, "SELECT artifact_location FROM logged_models WHERE model_id = $id AND lifecycle_stage = 'active'",
            ("$id", modelId)) as string ?? throw LoggedModelNotFound(modelId), cancellationToken).ConfigureAwait(false);
        return _loggedModelArtifactDirectories.GetOrAdd(modelId, ArtifactUriToPath(uri));
    }

    private void RequireLoggedModelTables()
    {
        if (!Columns.SupportsLoggedModels)
        {
            throw new MlflowException(ErrorCodes.InvalidState,
                $"'{DatabasePath}' is at alembic revision {Columns.Revision}, which has no logged_models tables (MLflow 2's schema); "
                + "ask SupportsLoggedModelsAsync and log models on the run instead");
        }
    }

    private static ResourceNotFoundException LoggedModelNotFound(string modelId) => new($"Logged model with ID '{modelId}' not found.");
}
