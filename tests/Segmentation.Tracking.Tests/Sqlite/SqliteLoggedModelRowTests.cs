using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

/// <summary>Logged-model rows written as MLflow 3's server wrote them (v3 sqlite-store/example-rows.sql), so its UI lists them.</summary>
public sealed class SqliteLoggedModelRowTests
{
    private static readonly TimeProvider Clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task LoggedModel_CreatedFinalizedLinkedAndRegistered_RowsMatchMlflow3sEncoding()
    {
        using var db = new SqliteTestDatabase();
        string runId, modelId;
        using (var store = SqliteTrackingStore.Open(db.DatabasePath, Clock))
        {
            var experiment = await store.GetOrCreateExperimentAsync("rows");
            runId = (await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "kmeans-k3", 1700000001000))).Info.RunId;
            var model = await store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "kmeans-k3", runId,
                new Dictionary<string, string> { ["k"] = "3" }, new Dictionary<string, string> { ["framework"] = "segmentation" }));
            modelId = model.ModelId;
            await store.LogLoggedModelMetricsAsync(runId, modelId, [new Metric("eval_silhouette", 0.5, 1700000070000)], "iris-train", "3f2a9c1e");
            await store.LogModelOutputAsync(runId, modelId, 2);
            await store.FinalizeLoggedModelAsync(modelId, LoggedModelStatus.Ready);
            await store.CreateRegisteredModelAsync("contract-model");
            await store.CreateModelVersionFromLoggedModelAsync("contract-model", modelId, null);
        }

        // INTEGER status 2 = READY, lifecycle 'active', '' model type, NULL status message (example row of m-5282…).
        var row = Assert.Single(db.Query("SELECT experiment_id, name, artifact_location, creation_timestamp_ms, status, lifecycle_stage, model_type, source_run_id, status_message FROM logged_models"));
        Assert.Equal(1L, row[0]);
        Assert.Equal("kmeans-k3", row[1]);
        Assert.EndsWith($"/1/models/{modelId}/artifacts", (string)row[2]!, StringComparison.Ordinal);
        Assert.True((long)row[3]! >= 1795435200000, "creation time in Unix milliseconds from the injected clock");
        Assert.Equal(2L, row[4]);
        Assert.Equal(["active", "", runId], row[5..8]);
        Assert.Null(row[8]);
        Assert.Equal([modelId, 1L, "k", "3"], Assert.Single(db.Query("SELECT model_id, experiment_id, param_key, param_value FROM logged_model_params")));
        Assert.Equal([modelId, 1L, "framework", "segmentation"], db.Query("SELECT model_id, experiment_id, tag_key, tag_value FROM logged_model_tags WHERE tag_key = 'framework'").Single());
        Assert.Equal("[{\"name\": \"contract-model\", \"version\": 1}]", db.Query("SELECT tag_value FROM logged_model_tags WHERE tag_key = 'mlflow.modelVersions'").Single()[0]);
        Assert.Equal(
            [modelId, "eval_silhouette", 1700000070000L, 0L, 0.5, 1L, runId, null, "iris-train", "3f2a9c1e"],
            Assert.Single(db.Query("SELECT * FROM logged_model_metrics")));
        Assert.Equal(["RUN_OUTPUT", runId, "MODEL_OUTPUT", modelId, 2L],
            Assert.Single(db.Query("SELECT source_type, source_id, destination_type, destination_id, step FROM inputs WHERE destination_type = 'MODEL_OUTPUT'")));
        // The run metric is a plain run metric too (MLflow writes metrics, latest_metrics and logged_model_metrics).
        Assert.Single(db.Query("SELECT 1 FROM latest_metrics WHERE key = 'eval_silhouette'"));
        var version = Assert.Single(db.Query("SELECT source, run_id, status, storage_location FROM model_versions"));
        Assert.Equal(["models:/" + modelId, runId, "READY"], version[0..3]);
        Assert.Equal(row[2], version[3]);
    }
}
