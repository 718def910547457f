using System.Globalization;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;
using Segmentation.Tracking.Validation;

namespace Segmentation.Tracking.Sqlite;

public sealed partial class SqliteTrackingStore
{
        private const string RunColumns = "run_uuid, experiment_id, name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage";

    /// <inheritdoc/>
    public Task<Run> CreateRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var experimentId = ParseExperimentId(request.ExperimentId);
        var tags = new Dictionary<string, string>(request.Tags ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (request.ParentRunId is { } parent)
        {
            tags[MlflowTags.ParentRunId] = parent;
        }

        // MLflow's client: an explicit name wins, then the tag; without either the server picks a random name.
        var name = request.RunName ?? (tags.TryGetValue(MlflowTags.RunName, out var tagged) ? tagged : RunNames.Random());
        tags[MlflowTags.RunName] = name;
        foreach (var (key, value) in tags)
        {
            TrackingValidation.ValidateTag(key, value);
        }

        return WriteAsync((connection, transaction) =>
        {
            RequireExperiment(connection, transaction, experimentId, request.ExperimentId);
            var location = (string?)Scalar(connection, transaction, "SELECT artifact_location FROM experiments WHERE experiment_id = $id", ("$id", experimentId))
                ?? ExperimentArtifactLocation(experimentId);
            var runId = NewUuid();
            var artifactUri = location.TrimEnd('/') + "/" + runId + "/artifacts";
            Execute(connection, transaction,
                "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, "
                + "source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time) "
                + "VALUES ($id, $name, 'UNKNOWN', '', '', $user, 'RUNNING', $start, NULL, '', 'active', $uri, $exp, NULL)",
                ("$id", runId), ("$name", name), ("$user", request.UserId ?? string.Empty), ("$start", request.StartTimeMs),
                ("$uri", artifactUri), ("$exp", experimentId));
            var insertTag = Command(connection, transaction, "INSERT INTO tags (key, value, run_uuid) VALUES ($k, $v, $run)",
                ("$k", string.Empty), ("$v", string.Empty), ("$run", runId));
            foreach (var (key, value) in tags)
            {
                insertTag.Parameters["$k"].Value = key;
                insertTag.Parameters["$v"].Value = value;
                Execute(insertTag);
            }

            return ReadRuns(connection, transaction, [runId])[0];
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<RunInfo> UpdateRunAsync(string runId, RunStatus status, long? endTimeMs, string? runName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (runName is not null)
        {
            TrackingValidation.ValidateTag(MlflowTags.RunName, runName);
        }

        return WriteAsync((connection, transaction) =>
        {
            RequireRun(connection, transaction, runId);
            Execute(connection, transaction, "UPDATE runs SET status = $status, end_time = $end WHERE run_uuid = $id",
                ("$status", RunStatusNames.ToMlflow(status)), ("$end", endTimeMs), ("$id", runId));
            if (runName is not null)
            {
                UpsertTag(connection, transaction, runId, MlflowTags.RunName, runName);
            }

            return ReadRunInfos(connection, transaction, "run_uuid = $id", ("$id", runId))[0];
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return ReadAsync(connection =>
        {
            var runs = ReadRuns(connection, null, [runId]);
            return runs.Count == 1 ? runs[0] : throw RunNotFound(runId);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync<IReadOnlyList<Metric>>(connection =>
        {
            RequireRun(connection, null, runId);
            return Query(connection, null,
                "SELECT key, value, is_nan, timestamp, step FROM metrics WHERE run_uuid = $id AND key = $key ORDER BY step, timestamp, value",
                ReadMetric, ("$id", runId), ("$key", key));
        }, cancellationToken);
    }

    private static ResourceNotFoundException RunNotFound(string runId) => new($"Run with id={runId} not found");

    private void RequireRun(SqliteConnection connection, SqliteTransaction? transaction, string runId)
    {
        var stage = Scalar(connection, transaction, "SELECT lifecycle_stage FROM runs WHERE run_uuid = $id", ("$id", runId)) as string;
        if (stage is null)
        {
            throw RunNotFound(runId);
        }

        if (stage != "active")
        {
            throw new InvalidParameterException($"The run {runId} must be in the 'active' state. Current state is {stage}.");
        }
    }

    private List<RunInfo> ReadRunInfos(SqliteConnection connection, SqliteTransaction? transaction, string where, params (string Name, object? Value)[] parameters) =>
        Query(connection, transaction, $"SELECT {RunColumns} FROM runs WHERE {where}", ReadRunInfo, parameters);

    private static RunInfo ReadRunInfo(SqliteDataReader r) => new(
        RunId: r.GetString(0),
        ExperimentId: r.IsDBNull(1) ? string.Empty : r.GetInt64(1).ToString(CultureInfo.InvariantCulture),
        RunName: NullableString(r, 2) ?? string.Empty,
        UserId: NullableString(r, 3) ?? string.Empty,
        Status: RunStatusNames.Parse(NullableString(r, 4) ?? "RUNNING"),
        StartTimeMs: NullableLong(r, 5) ?? 0,
        EndTimeMs: NullableLong(r, 6),
        ArtifactUri: NullableString(r, 7) ?? string.Empty,
        LifecycleStage: NullableString(r, 8) ?? "active");

    private static Metric ReadMetric(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetInt64(2) != 0 ? double.NaN : r.GetDouble(1),
        NullableLong(r, 3) ?? 0,
        r.GetInt64(4));

    /// <summary>Loads full runs (info, latest metrics, params, tags, inputs) in the order of <paramref name="runIds"/>.</summary>
    private List<Run> ReadRuns(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<string> runIds)
    {
        if (runIds.Count == 0)
        {
            return [];
        }

        // Batches of run ids keep the number of statements per search constant, not per run.
        var results = new Dictionary<string, Run>(StringComparer.Ordinal);
        foreach (var batch in runIds.Chunk(500))
        {
            var names = batch.Select((_, i) => "$r" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var inList = string.Join(", ", names);
            var parameters = batch.Select((id, i) => (names[i], (object?)id)).ToArray();
            var infos = Query(connection, transaction, $"SELECT {RunColumns} FROM runs WHERE run_uuid IN ({inList})", ReadRunInfo, parameters);
            var metrics = Query(connection, transaction,
                $"SELECT key, value, is_nan, timestamp, step, run_uuid FROM latest_metrics WHERE run_uuid IN ({inList})",
                r => (Run: r.GetString(5), Metric: ReadMetric(r)), parameters).ToLookup(x => x.Run, x => x.Metric);
            var paramRows = Query(connection, transaction, $"SELECT key, value, run_uuid FROM params WHERE run_uuid IN ({inList})",
                r => (Run: r.GetString(2), Key: r.GetString(0), Value: r.GetString(1)), parameters).ToLookup(x => x.Run);
            var tagRows = Query(connection, transaction, $"SELECT key, value, run_uuid FROM tags WHERE run_uuid IN ({inList})",
                r => (Run: r.GetString(2), Key: r.GetString(0), Value: NullableString(r, 1) ?? string.Empty), parameters).ToLookup(x => x.Run);
            var inputs = ReadInputs(connection, transaction, inList, parameters);
            var outputs = ReadModelOutputs(connection, transaction, inList, parameters);
            foreach (var info in infos)
            {
                var data = new RunData(
                    metrics[info.RunId].ToDictionary(m => m.Key, StringComparer.Ordinal),
                    paramRows[info.RunId].ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                    tagRows[info.RunId].ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));
                results[info.RunId] = new Run(info, data, inputs[info.RunId].ToList()) { ModelOutputs = outputs[info.RunId].ToList() };
            }
        }

        return runIds.Where(results.ContainsKey).Select(id => results[id]).ToList();
    }

    private ILookup<string, DatasetInput> ReadInputs(SqliteConnection connection, SqliteTransaction? transaction, string inList, (string, object?)[] parameters)
    {
        var rows = Query(connection, transaction,
            "SELECT i.destination_id, i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile "
            + "FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id "
            + $"WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id IN ({inList}) ORDER BY i.rowid",
            r => (Run: r.GetString(0), Input: r.GetString(1),
                Dataset: new Dataset(r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), NullableString(r, 6), NullableString(r, 7))),
            parameters);
        if (rows.Count == 0)
        {
            return Array.Empty<(string, DatasetInput)>().ToLookup(x => x.Item1, x => x.Item2);
        }

        var inputNames = rows.Select((_, i) => "$i" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var tags = Query(connection, transaction,
            $"SELECT input_uuid, name, value FROM input_tags WHERE input_uuid IN ({string.Join(", ", inputNames)})",
            r => (Input: r.GetString(0), Key: r.GetString(1), Value: r.GetString(2)),
            rows.Select((row, i) => (inputNames[i], (object?)row.Input)).ToArray()).ToLookup(t => t.Input);
        return rows.ToLookup(
            row => row.Run,
            row => new DatasetInput(row.Dataset, tags[row.Input].ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)));
    }
}
