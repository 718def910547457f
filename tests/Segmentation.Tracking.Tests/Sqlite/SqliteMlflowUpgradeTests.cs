using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Registry;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>The main loop across MLflow generations: sweep into mlflow.db, look at it in MLflow 3's UI (which upgrades it), sweep again.</summary>
public sealed class SqliteMlflowUpgradeTests
{
    private static readonly TimeProvider Clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Open_DatabaseMigratedByMlflow3Ui_StillReadsAndWrites()
    {
        // Issue 10: a database this tool wrote at 2.17.2's revision, upgraded by `mlflow ui` of MLflow 3 at start, was
        // refused from then on ("this tool reads and writes revision f5a4f2784254 only").
        using var db = new SqliteTestDatabase();
        string parentId, childId;
        using (var old = SqliteTrackingStore.Open(db.DatabasePath, Clock, SqliteConnectionOptions.Default with { NewDatabaseSchema = SqliteSchema.Mlflow2 }))
        {
            var experiment = await old.GetOrCreateExperimentAsync("customer-segmentation-kmeans");
            var parent = await old.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "sweep", 1700000000000));
            var child = await old.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "kmeans-k3", 1700000001000, null, parent.Info.RunId));
            await old.LogBatchAsync(child.Info.RunId, [new Metric("silhouette", 0.41, 1700000002000, 0), new Metric("silhouette", 0.52, 1700000003000, 1)], [new Param("k", "3")]);
            await old.LogInputsAsync(child.Info.RunId, [new DatasetInput(new Dataset("features", "abc123", "local", "{}", null, null), new Dictionary<string, string> { ["mlflow.data.context"] = "training" })]);
            await old.UpdateRunAsync(child.Info.RunId, RunStatus.Finished, 1700000004000);
            await old.CreateRegisteredModelAsync("customer-segments", tags: new Dictionary<string, string> { ["task"] = "clustering" });
            await old.CreateModelVersionAsync("customer-segments", child.Info.ArtifactUri + "/model", child.Info.RunId);
            await old.SetRegisteredModelAliasAsync("customer-segments", "champion", "1");
            await old.TransitionModelVersionStageAsync("customer-segments", "1", ModelStages.Production, archiveExistingVersions: true);
            (parentId, childId) = (parent.Info.RunId, child.Info.RunId);
        }

        db.UpgradeAsMlflow3Does();
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock);

        Assert.Equal("7d34483879f0", store.AlembicRevision);
        var kept = await store.GetRunAsync(childId);
        Assert.Equal(RunStatus.Finished, kept.Info.Status);
        Assert.Equal("3", kept.Data.Params["k"]);
        Assert.Equal(parentId, kept.Data.Tags["mlflow.parentRunId"]);
        Assert.Equal("features", Assert.Single(kept.Inputs).Dataset.Name);
        Assert.Equal([0.41, 0.52], (await store.GetMetricHistoryAsync(childId, "silhouette")).Select(m => m.Value));
        Assert.Equal("1", (await store.GetModelVersionByAliasAsync("customer-segments", "champion"))!.Version);

        // The second sweep: new runs, a new version, the alias moved, tags re-set (upserts on MLflow 3's workspace keys).
        var experimentId = (await store.GetExperimentByNameAsync("customer-segmentation-kmeans"))!.ExperimentId;
        var again = await store.CreateRunAsync(new CreateRunRequest(experimentId, "kmeans-k4", 1700000010000, null, parentId));
        await store.LogBatchAsync(again.Info.RunId, [new Metric("silhouette", 0.6, 1700000011000, 0)], [new Param("k", "4")]);
        await store.LogInputsAsync(again.Info.RunId, [new DatasetInput(new Dataset("features", "abc123", "local", "{}", null, null), new Dictionary<string, string> { ["mlflow.data.context"] = "training" })]);
        var v2 = await store.CreateModelVersionAsync("customer-segments", again.Info.ArtifactUri + "/model", again.Info.RunId, tags: new Dictionary<string, string> { ["k"] = "4" });
        await store.SetRegisteredModelAliasAsync("customer-segments", "champion", v2.Version);
        await store.SetRegisteredModelTagAsync("customer-segments", "task", "segmentation");
        await store.SetModelVersionTagAsync("customer-segments", v2.Version, "k", "four");
        await store.TransitionModelVersionStageAsync("customer-segments", v2.Version, ModelStages.Production, archiveExistingVersions: true);

        Assert.Equal("2", v2.Version);
        Assert.Equal("2", (await store.GetModelVersionByAliasAsync("customer-segments", "champion"))!.Version);
        var model = await store.GetRegisteredModelAsync("customer-segments");
        Assert.Equal("segmentation", model.Tags["task"]);
        Assert.Equal(["1:Archived", "2:Production"], model.LatestVersions.Select(v => v.Version + ":" + v.CurrentStage));
        Assert.Equal("four", (await store.GetModelVersionAsync("customer-segments", "2")).Tags["k"]);
        var children = await store.SearchRunsAsync(new RunSearchRequest([experimentId], $"tags.mlflow.parentRunId = '{parentId}'", ["metrics.silhouette DESC"]));
        Assert.Equal(["kmeans-k4", "kmeans-k3"], children.Select(r => r.Info.RunName));
        SqliteConnection.ClearAllPools();
        // Rows as MLflow 3 writes them, so its UI reads them back.
        Assert.Equal([["default", 1L]], db.Query("SELECT DISTINCT workspace, count(*) > 0 FROM registered_model_aliases"));
        Assert.Equal(["default"], db.Query("SELECT DISTINCT workspace FROM model_version_tags").Select(r => r[0]));
        Assert.Equal([0L], db.Query("SELECT DISTINCT step FROM inputs").Select(r => r[0]));
        Assert.Equal("7d34483879f0", Assert.Single(db.Query("SELECT version_num FROM alembic_version"))[0]);
    }

    [Fact]
    public async Task Open_DatabaseWrittenByMlflow3Server_ReadsRunsInputsAndRegistry()
    {
        const string child = "b0fc4a3b8da04c60b54bebd8a33051e3";
        const string parent = "167690d45ebd4885a8d4ac9743a5b947";
        using var db = new SqliteTestDatabase();
        db.LoadMlflow3Example();
        using var store = SqliteTrackingStore.Open(db.DatabasePath, Clock);

        var run = await store.GetRunAsync(child);

        Assert.Equal("kmeans-k3", run.Info.RunName);
        Assert.Equal(new Metric("silhouette", 0.52, 1700000004000, 2), run.Data.Metrics["silhouette"]);
        Assert.Equal(parent, run.Data.Tags["mlflow.parentRunId"]);
        // The run's MODEL_OUTPUT row in inputs (a logged model) is not a dataset input.
        Assert.Equal("iris-train", Assert.Single(run.Inputs).Dataset.Name);
        Assert.Equal(3, (await store.GetMetricHistoryAsync(child, "silhouette")).Count);
        var model = await store.GetRegisteredModelAsync("contract-model");
        Assert.Equal("3", model.Aliases["champion"]);
        var champion = await store.GetModelVersionByAliasAsync("contract-model", "champion");
        Assert.Equal("models:/m-528290527a394caa9419e475537bc7a2", champion!.Source);
        Assert.Equal("1", (await store.GetModelVersionByAliasAsync("pyclient-model", "champion"))!.Version);
        var next = await store.CreateModelVersionAsync("contract-model", "runs:/" + child + "/model", child);
        Assert.Equal("6", next.Version);
    }
}
