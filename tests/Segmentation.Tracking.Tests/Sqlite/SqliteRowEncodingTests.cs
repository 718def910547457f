using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>The store reads what MLflow wrote and writes rows encoded as MLflow writes them (example-rows.sql).</summary>
public sealed class SqliteRowEncodingTests
{
    private const string MlflowRun = "005b61da885c4f2aa72a7efab8b20909";
    private const string MlflowParent = "5ff25989798943f2aa3b3609aab5324c";
    private static readonly TimeProvider Clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Per table: which rows to compare column storage classes on.</summary>
    private static readonly (string Table, string Where)[] ComparedTables =
    [
        ("experiments", "experiment_id != 0"),
        ("experiment_tags", "1 = 1"),
        ("runs", "status = 'FINISHED'"),
        ("metrics", "1 = 1"),
        ("latest_metrics", "1 = 1"),
        ("params", "1 = 1"),
        ("tags", "1 = 1"),
        ("datasets", "1 = 1"),
        ("inputs", "1 = 1"),
        ("input_tags", "1 = 1"),
        ("registered_models", "1 = 1"),
        ("registered_model_tags", "1 = 1"),
        ("model_versions", "version = 1"),
        ("model_version_tags", "1 = 1"),
        ("registered_model_aliases", "1 = 1"),
    ];

    private static void LoadMlflowExample(SqliteTestDatabase db)
    {
        db.Execute(File.ReadAllText(SqliteTestDatabase.FixturePath("schema.sql")));
        db.Execute(File.ReadAllText(SqliteTestDatabase.FixturePath("example-rows.sql")));
    }

    [Fact]
    public async Task Open_DatabaseWrittenByMlflow_ReadsRunsInputsAndRegistry()
    {
        using var db = new SqliteTestDatabase();
        LoadMlflowExample(db);
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock);

        var run = await store.GetRunAsync(MlflowRun);

        Assert.Equal("kmeans-k3", run.Info.RunName);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal(1700000060000, run.Info.EndTimeMs);
        Assert.Equal(new Metric("silhouette", 0.52, 1700000004000, 2), run.Data.Metrics["silhouette"]);
        Assert.Equal(6000, run.Data.Params["long_param"].Length);
        Assert.Equal(MlflowParent, run.Data.Tags["mlflow.parentRunId"]);
        var input = Assert.Single(run.Inputs);
        Assert.Equal("iris-train", input.Dataset.Name);
        Assert.Equal("{\"num_rows\": 150}", input.Dataset.Profile);
        Assert.Equal("training", input.Tags["mlflow.data.context"]);
        Assert.Equal(3, (await store.GetMetricHistoryAsync(MlflowRun, "silhouette")).Count);
        var children = await store.SearchRunsAsync(new RunSearchRequest(["1"], $"tags.mlflow.parentRunId = '{MlflowParent}'", ["attributes.start_time ASC"]));
        Assert.Equal(["kmeans-k3", "kmeans-k4", "kmeans-k5"], children.Select(r => r.Info.RunName));
        var model = await store.GetRegisteredModelAsync("contract-model");
        Assert.Equal("1", model.Aliases["champion"]);
        Assert.Equal(["1:Archived", "2:Production"], model.LatestVersions.Select(v => v.Version + ":" + v.CurrentStage));
        Assert.Equal("onnx", (await store.GetModelVersionByAliasAsync("contract-model", "champion"))!.Tags["framework"]);
        Assert.Equal("3", (await store.CreateModelVersionAsync("contract-model", "runs:/" + MlflowRun + "/model", MlflowRun)).Version);
    }

    [Fact]
    public async Task Open_DatabaseWrittenByMlflowServer_ResolvesProxiedArtifactUrisBesideTheDatabase()
    {
        using var db = new SqliteTestDatabase();
        LoadMlflowExample(db);
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock);

        var directory = await store.RunArtifactDirectoryAsync(MlflowRun);

        Assert.Equal(Path.Combine(db.DirectoryPath, "mlartifacts", "1", MlflowRun, "artifacts"), directory);
    }

    [Theory]
    [InlineData("2.17.2")]
    [InlineData("3.11")]
    public async Task LoggedSweep_RowsUseMlflowsStorageClassesAndEnumSpellings(string mlflow)
    {
        // Compared with the rows the MLflow server of the same generation wrote, in a database at its schema.
        using var reference = new SqliteTestDatabase();
        var options = SqliteConnectionOptions.Default;
        if (mlflow == "3.11")
        {
            reference.LoadMlflow3Example();
        }
        else
        {
            LoadMlflowExample(reference);
            options = options with { NewDatabaseSchema = SqliteSchema.Mlflow2 };
        }

        using var db = new SqliteTestDatabase();
        using (var store = SqliteTrackingStore.Open(db.DatabasePath, Clock, options))
        {
            await LogLikeTheContractAsync(store);
        }

        SqliteConnection.ClearAllPools();
        foreach (var (table, where) in ComparedTables)
        {
            Assert.Equal(StorageClasses(reference, table, where), StorageClasses(db, table, where));
        }

        var run = Assert.Single(db.Query(
            "SELECT r.run_uuid, r.source_type, r.source_name, r.entry_point_name, r.user_id, r.source_version, r.lifecycle_stage, r.deleted_time, "
            + "r.artifact_uri, e.artifact_location FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id WHERE r.status = 'FINISHED'"));
        Assert.Matches("^[0-9a-f]{32}$", (string)run[0]!);
        Assert.Equal(["UNKNOWN", "", "", "", "", "active", null], run[1..8]);
        Assert.Equal($"{run[9]}/{run[0]}/artifacts", run[8]);
        Assert.StartsWith("file:///", (string)run[9]!, StringComparison.Ordinal);
        var input = Assert.Single(db.Query("SELECT i.input_uuid, i.source_type, i.source_id, i.destination_type, d.dataset_uuid FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id"));
        Assert.Matches("^[0-9a-f]{32}$", (string)input[0]!);
        Assert.Equal("DATASET", input[1]);
        Assert.Equal("RUN", input[3]);
        var versions = db.Query("SELECT version, current_stage, status, run_link, storage_location = source, user_id, status_message FROM model_versions ORDER BY version");
        Assert.Equal([1L, "Archived", "READY", "", 1L, null, null], versions[0]);
        Assert.Equal([2L, "Production", "READY", "", 1L, null, null], versions[1]);
        var nan = Assert.Single(db.Query("SELECT is_nan, value FROM latest_metrics WHERE key = 'nan_metric'"));
        Assert.Equal(1L, nan[0]);
        Assert.Equal(0.0, nan[1]);
    }

    private static List<string> StorageClasses(SqliteTestDatabase db, string table, string where)
    {
        var columns = db.Query($"PRAGMA table_info({table})").Select(r => (string)r[1]!).ToList();
        var select = string.Join(" || ',' || ", columns.Select(c => $"'{c}:' || typeof(\"{c}\")"));
        return db.Query($"SELECT DISTINCT {select} FROM {table} WHERE {where}").Select(r => (string)r[0]!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The same kinds of rows the contract recording wrote, through this store.</summary>
    private static async Task LogLikeTheContractAsync(SqliteTrackingStore store)
    {
        var experiment = await store.GetOrCreateExperimentAsync("contract-exp", new Dictionary<string, string> { ["project"] = "contract" });
        var parent = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "sweep-parent", 1700000000000,
            new Dictionary<string, string> { ["mlflow.user"] = "trainer" }));
        var child = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "kmeans-k3", 1700000001000, null, parent.Info.RunId));
        await store.LogBatchAsync(child.Info.RunId,
            [new Metric("silhouette", 0.41, 1700000002000, 0), new Metric("silhouette", 0.52, 1700000004000, 2), new Metric("nan_metric", double.NaN, 1700000004000, 1)],
            [new Param("k", "3")],
            [new RunTag("stage", "train")]);
        await store.LogInputsAsync(child.Info.RunId, [new DatasetInput(
            new Dataset("iris-train", "3f2a9c1e", "local", "{\"uri\": \"file:///data/iris.csv\"}", "{\"mlflow_colspec\": []}", "{\"num_rows\": 150}"),
            new Dictionary<string, string> { ["mlflow.data.context"] = "training" })]);
        await store.UpdateRunAsync(child.Info.RunId, RunStatus.Finished, 1700000060000);
        await store.CreateRegisteredModelAsync("contract-model", "contract test model", new Dictionary<string, string> { ["task"] = "clustering" });
        await store.CreateModelVersionAsync("contract-model", child.Info.ArtifactUri + "/model", child.Info.RunId, "k=3", new Dictionary<string, string> { ["framework"] = "onnx" });
        await store.CreateModelVersionAsync("contract-model", "runs:/" + child.Info.RunId + "/model", child.Info.RunId, string.Empty);
        await store.TransitionModelVersionStageAsync("contract-model", "1", ModelStages.Production, true);
        await store.TransitionModelVersionStageAsync("contract-model", "2", ModelStages.Production, true);
        await store.SetRegisteredModelAliasAsync("contract-model", "champion", "1");
    }
}
