using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Sqlite;

public sealed partial class SqliteTrackingStore
{
    // MLflow stores ±infinity as ±double.MaxValue and NaN as 0 with is_nan = 1.
    private const string UpsertLatestMetricSql =
        "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ($k, $v, $t, $s, $nan, $run) "
        + "ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, step = excluded.step, is_nan = excluded.is_nan "
        + "WHERE excluded.step > latest_metrics.step "
        + "OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp) "
        + "OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp AND excluded.value > latest_metrics.value)";

    /// <inheritdoc/>
    /// <remarks>The whole batch is one transaction: a refused param leaves nothing of the batch logged.</remarks>
    public Task LogBatchAsync(string runId, IReadOnlyList<Metric>? metrics = null, IReadOnlyList<Param>? parameters = null, IReadOnlyList<RunTag>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var chunks = TrackingValidation.ValidateAndChunk(metrics, parameters, tags);
        if (chunks.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync((connection, transaction) =>
        {
            RequireRun(connection, transaction, runId);
            foreach (var chunk in chunks)
            {
                InsertParams(connection, transaction, runId, chunk.Params);
                foreach (var tag in chunk.Tags)
                {
                    UpsertTag(connection, transaction, runId, tag.Key, tag.Value);
                }

                InsertMetrics(connection, transaction, runId, chunk.Metrics);
            }
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task SetTagAsync(string runId, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        TrackingValidation.ValidateTag(key, value);
        return WriteAsync((connection, transaction) =>
        {
            RequireRun(connection, transaction, runId);
            UpsertTag(connection, transaction, runId, key, value);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Read and appended in one write transaction, as MLflow's SQL store does, so concurrent loggers lose no entry.</remarks>
    public Task LogModelAsync(string runId, string modelJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(modelJson);
        return WriteAsync((connection, transaction) =>
        {
            RequireRun(connection, transaction, runId);
            var existing = Scalar(connection, transaction, "SELECT value FROM tags WHERE run_uuid = $run AND key = $k",
                ("$run", runId), ("$k", MlflowTags.LogModelHistory)) as string;
            UpsertTag(connection, transaction, runId, MlflowTags.LogModelHistory, LoggedModelHistory.Append(existing, modelJson));
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task LogInputsAsync(string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs)
        {
            TrackingValidation.ValidateDatasetInput(input);
        }

        return WriteAsync((connection, transaction) =>
        {
            RequireRun(connection, transaction, runId);
            var experimentId = (long)Scalar(connection, transaction, "SELECT experiment_id FROM runs WHERE run_uuid = $id", ("$id", runId))!;
            foreach (var input in inputs)
            {
                var d = input.Dataset;
                // A dataset is stored once per experiment (name, digest); runs link to it through inputs.
                var datasetId = Scalar(connection, transaction,
                    "SELECT dataset_uuid FROM datasets WHERE experiment_id = $exp AND name = $name AND digest = $digest",
                    ("$exp", experimentId), ("$name", d.Name), ("$digest", d.Digest)) as string;
                if (datasetId is null)
                {
                    datasetId = NewUuid();
                    Execute(connection, transaction,
                        "INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile) "
                        + "VALUES ($id, $exp, $name, $digest, $type, $source, $schema, $profile)",
                        ("$id", datasetId), ("$exp", experimentId), ("$name", d.Name), ("$digest", d.Digest),
                        ("$type", d.SourceType), ("$source", d.Source), ("$schema", d.Schema), ("$profile", d.Profile));
                }

                var inputId = NewUuid();
                var inserted = Execute(connection, transaction,
                    "INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id" + Columns.ExtraColumns("inputs") + ") "
                    + "VALUES ($id, 'DATASET', $dataset, 'RUN', $run" + Columns.ExtraValues("inputs") + ") ON CONFLICT DO NOTHING",
                    ("$id", inputId), ("$dataset", datasetId), ("$run", runId));
                if (inserted == 0)
                {
                    // The run already uses this dataset; MLflow keeps the first link and its tags.
                    continue;
                }

                foreach (var (key, value) in input.Tags ?? new Dictionary<string, string>())
                {
                    Execute(connection, transaction, "INSERT INTO input_tags (input_uuid, name, value) VALUES ($id, $k, $v)",
                        ("$id", inputId), ("$k", key), ("$v", value));
                }
            }
        }, cancellationToken);
    }

    private void InsertParams(SqliteConnection connection, SqliteTransaction transaction, string runId, IReadOnlyList<Param> parameters)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        var insert = Command(connection, transaction,
            "INSERT INTO params (key, value, run_uuid) VALUES ($k, $v, $run) ON CONFLICT (key, run_uuid) DO NOTHING",
            ("$k", string.Empty), ("$v", string.Empty), ("$run", runId));
        foreach (var p in parameters)
        {
            insert.Parameters["$k"].Value = p.Key;
            insert.Parameters["$v"].Value = p.Value;
            if (Execute(insert) == 1)
            {
                continue;
            }

            var existing = (string?)Scalar(connection, transaction, "SELECT value FROM params WHERE key = $k AND run_uuid = $run", ("$k", p.Key), ("$run", runId));
            if (existing != p.Value)
            {
                throw new InvalidParameterException(
                    $"Changing param values is not allowed. Param with key='{p.Key}' was already logged with value='{existing}' for run ID='{runId}'. Attempted logging new value '{p.Value}'.");
            }
        }
    }

    private void InsertMetrics(SqliteConnection connection, SqliteTransaction transaction, string runId, IReadOnlyList<Metric> metrics)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        (string, object?)[] parameters = [("$k", string.Empty), ("$v", 0.0), ("$t", 0L), ("$s", 0L), ("$nan", 0), ("$run", runId)];
        // Identical points are ignored, as MLflow skips metrics it already has.
        var insert = Command(connection, transaction,
            "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ($k, $v, $t, $run, $s, $nan) ON CONFLICT DO NOTHING", parameters);
        var latest = Command(connection, transaction, UpsertLatestMetricSql, parameters);
        foreach (var m in metrics)
        {
            var isNan = double.IsNaN(m.Value);
            var value = isNan ? 0.0 : double.IsPositiveInfinity(m.Value) ? double.MaxValue : double.IsNegativeInfinity(m.Value) ? double.MinValue : m.Value;
            foreach (var command in new[] { insert, latest })
            {
                command.Parameters["$k"].Value = m.Key;
                command.Parameters["$v"].Value = value;
                command.Parameters["$t"].Value = m.TimestampMs;
                command.Parameters["$s"].Value = m.Step;
                command.Parameters["$nan"].Value = isNan ? 1 : 0;
                Execute(command);
            }
        }
    }

    private void UpsertTag(SqliteConnection connection, SqliteTransaction transaction, string runId, string key, string value)
    {
        Execute(connection, transaction,
            "INSERT INTO tags (key, value, run_uuid) VALUES ($k, $v, $run) ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value",
            ("$k", key), ("$v", value), ("$run", runId));
        if (key == MlflowTags.RunName)
        {
            // MLflow keeps runs.name and the mlflow.runName tag in step.
            Execute(connection, transaction, "UPDATE runs SET name = $v WHERE run_uuid = $run", ("$v", value), ("$run", runId));
        }
    }
}
