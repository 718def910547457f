using Segmentation.Tracking.Errors;
using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Models;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Tracking.Tests.Behaviour;

/// <summary>MLflow 3 logged models on the backends that record them; the others must refuse them and keep MLflow 2's path.</summary>
public abstract partial class TrackingStoreBehaviourTests
{
    /// <summary>Whether this suite's backend is MLflow 3 (a 3.x server, a database with the logged_models tables); null: a live server, ask it.</summary>
    protected virtual bool? RecordsLoggedModels => false;

    [Fact]
    public async Task SupportsLoggedModels_AnyBackend_MatchesItsGeneration()
    {
        Assert.Equal(await RecordsLoggedModelsAsync(), await Store.SupportsLoggedModelsAsync());
    }

    private async Task<bool> RecordsLoggedModelsAsync() => RecordsLoggedModels ?? await Store.SupportsLoggedModelsAsync();

    [Fact]
    public async Task LoggedModelOperations_MlflowTwoBackend_ThrowMlflowException()
    {
        if (await RecordsLoggedModelsAsync())
        {
            return;
        }

        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        const string Id = "m-0123456789abcdef0123456789abcdef";

        await Assert.ThrowsAnyAsync<MlflowException>(() => Store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "m", run.Info.RunId)));
        await Assert.ThrowsAnyAsync<MlflowException>(() => Store.GetLoggedModelAsync(Id));
        await Assert.ThrowsAnyAsync<MlflowException>(() => Store.FinalizeLoggedModelAsync(Id, LoggedModelStatus.Ready));
        await Assert.ThrowsAnyAsync<MlflowException>(() => Store.LogModelOutputAsync(run.Info.RunId, Id));
        await Assert.ThrowsAnyAsync<MlflowException>(() => Store.SearchLoggedModelsAsync([experiment.ExperimentId]));
    }

    [Fact]
    public async Task CreateLoggedModel_WithParamsAndTags_IsPendingInItsOwnArtifactFolder()
    {
        if (!await RecordsLoggedModelsAsync())
        {
            return;
        }

        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment, "kmeans-k3");

        var model = await Store.CreateLoggedModelAsync(new CreateLoggedModelRequest(
            experiment.ExperimentId, "kmeans-k3", run.Info.RunId,
            new Dictionary<string, string> { ["k"] = "3", ["algorithm"] = "lloyd" }, new Dictionary<string, string> { ["framework"] = "segmentation" }));

        Assert.Matches("^m-[0-9a-f]{32}$", model.ModelId);
        Assert.Equal(LoggedModelStatus.Pending, model.Status);
        Assert.Equal("kmeans-k3", model.Name);
        Assert.Equal(run.Info.RunId, model.SourceRunId);
        Assert.Equal(experiment.ExperimentId, model.ExperimentId);
        Assert.EndsWith($"/models/{model.ModelId}/artifacts", model.ArtifactUri, StringComparison.Ordinal);
        Assert.Equal(["algorithm", "k"], model.Params.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("segmentation", model.Tags["framework"]);
        var read = await Store.GetLoggedModelAsync(model.ModelId);
        Assert.Equal((model.Name, model.ArtifactUri, model.Status, model.SourceRunId), (read.Name, read.ArtifactUri, read.Status, read.SourceRunId));
        Assert.Equal(model.Params, read.Params);
    }

    [Fact]
    public async Task FinalizeLoggedModel_ReadyAfterLinkedMetrics_GetShowsReadyWithTheMetricsOnModelAndRun()
    {
        if (!await RecordsLoggedModelsAsync())
        {
            return;
        }

        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var model = await Store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "trial", run.Info.RunId));

        await Store.LogLoggedModelMetricsAsync(run.Info.RunId, model.ModelId, [new Metric("silhouette", 0.5, T0 + 70_000), new Metric("inertia", 120.0, T0 + 70_000)], "iris-train", "3f2a9c1e");
        var finalized = await Store.FinalizeLoggedModelAsync(model.ModelId, LoggedModelStatus.Ready);

        Assert.Equal(LoggedModelStatus.Ready, finalized.Status);
        var read = await Store.GetLoggedModelAsync(model.ModelId);
        Assert.Equal(LoggedModelStatus.Ready, read.Status);
        Assert.Equal(["inertia", "silhouette"], read.Metrics.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0.5, read.Metrics.Single(m => m.Key == "silhouette").Value);
        var runMetrics = (await Store.GetRunAsync(run.Info.RunId)).Data.Metrics;
        Assert.Equal(120.0, runMetrics["inertia"].Value);
    }

    [Fact]
    public async Task FinalizeLoggedModel_UnknownModel_ThrowsResourceNotFound()
    {
        if (!await RecordsLoggedModelsAsync())
        {
            return;
        }

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Store.FinalizeLoggedModelAsync("m-0123456789abcdef0123456789abcdef", LoggedModelStatus.Ready));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Store.GetLoggedModelAsync("m-0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public async Task LogModelOutput_Once_RunListsTheModel_AndASecondTimeIsRefused()
    {
        if (!await RecordsLoggedModelsAsync())
        {
            return;
        }

        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var model = await Store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "trial", run.Info.RunId));

        await Store.LogModelOutputAsync(run.Info.RunId, model.ModelId, 2);

        Assert.Equal([new ModelOutput(model.ModelId, 2)], (await Store.GetRunAsync(run.Info.RunId)).ModelOutputs);
        await Assert.ThrowsAnyAsync<MlflowException>(() => Store.LogModelOutputAsync(run.Info.RunId, model.ModelId, 2));
    }

    [Fact]
    public async Task SearchLoggedModels_TwoModels_ListsBothNewestFirst()
    {
        if (!await RecordsLoggedModelsAsync())
        {
            return;
        }

        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var first = await Store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "first", run.Info.RunId));
        await Task.Delay(5);
        var second = await Store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "second", run.Info.RunId));

        var found = await Store.SearchLoggedModelsAsync([experiment.ExperimentId]);

        Assert.Equal(new[] { first.ModelId, second.ModelId }.Order(StringComparer.Ordinal), found.Select(m => m.ModelId).Order(StringComparer.Ordinal));
        Assert.True(found[0].CreationTimestampMs >= found[1].CreationTimestampMs);
    }

    [Fact]
    public async Task CreateModelVersionFromLoggedModel_WithoutRunId_SourceIsModelsUriRunFromTheModelAndModelTagged()
    {
        if (!await RecordsLoggedModelsAsync())
        {
            return;
        }

        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var model = await Store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "trial", run.Info.RunId));
        var name = Unique("lm");
        await Store.CreateRegisteredModelAsync(name);

        var version = await Store.CreateModelVersionFromLoggedModelAsync(name, model.ModelId, null);

        Assert.Equal("models:/" + model.ModelId, version.Source);
        Assert.Equal(run.Info.RunId, version.RunId);
        Assert.Equal("READY", version.Status);
        Assert.Equal($"[{{\"name\": \"{name}\", \"version\": {version.Version}}}]", (await Store.GetLoggedModelAsync(model.ModelId)).Tags[MlflowTags.ModelVersions]);
        Assert.Single(await Store.SearchModelVersionsAsync($"run_id='{run.Info.RunId}'"), v => v.Name == name);
    }

    [Fact]
    public async Task CreateModelVersionFromLoggedModel_UnknownModel_ThrowsAndCreatesNoVersion()
    {
        if (!await RecordsLoggedModelsAsync())
        {
            return;
        }

        var name = Unique("lm");
        await Store.CreateRegisteredModelAsync(name);

        await Assert.ThrowsAnyAsync<MlflowException>(() => Store.CreateModelVersionFromLoggedModelAsync(name, "m-0123456789abcdef0123456789abcdef", null));

        Assert.Empty(await Store.SearchModelVersionsAsync($"name='{name}'"));
    }

    [Fact]
    public async Task ModelFolder_UploadAsLoggedModel_ReadyLinkedAndLoadableFromVersionAndRun()
    {
        if (!await RecordsLoggedModelsAsync())
        {
            return;
        }

        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var created = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var model = await Store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "trial", run.Info.RunId));
        var scratch = NewScratchDirectory();
        try
        {
            var uuid = await ModelFolder.UploadAsync(Store, run.Info.RunId, model, ModelContent, created, "0.1.0");

            Assert.Equal(LoggedModelStatus.Ready, (await Store.GetLoggedModelAsync(model.ModelId)).Status);
            var read = await Store.GetRunAsync(run.Info.RunId);
            Assert.Equal([new ModelOutput(model.ModelId, 0)], read.ModelOutputs);
            // MLflow 3 records no log-model history for a logged model; the run's model/ copy is ours (see ModelFolder.Transfer).
            Assert.False(read.Data.Tags.ContainsKey(MlflowTags.LogModelHistory));
            // The same folder as under the run: MLflow 3's Models tab shows the complete model (python_function flavor included).
            Assert.Equal(
                ["MLmodel", "code", "python_env.yaml", "requirements.txt", "segmentation.json"],
                (await Store.ListLoggedModelArtifactsAsync(model.ModelId)).Select(a => a.Path).Order(StringComparer.Ordinal));
            var name = Unique("lm");
            await Store.CreateRegisteredModelAsync(name);
            var version = await Store.CreateModelVersionFromLoggedModelAsync(name, model.ModelId, run.Info.RunId);
            var fromVersion = await ModelFolder.DownloadAsync(Store, version, Path.Combine(scratch, "version"));
            var fromRun = await ModelFolder.DownloadAsync(Store, run.Info.RunId, Path.Combine(scratch, "run"));
            Assert.Equal(uuid, fromVersion.MlModel.ModelUuid);
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(ModelContent.PipelineJson), System.Text.Json.Nodes.JsonNode.Parse(fromVersion.PipelineJson)));
            Assert.Equal(uuid, fromRun.MlModel.ModelUuid);
            Assert.Contains("model_id: " + model.ModelId + "\n", File.ReadAllText(Path.Combine(fromVersion.DirectoryPath, ModelFolder.MlModelFile)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task ModelFolder_DownloadVersionWithRunSource_ReadsTheRunsModelFolder()
    {
        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var scratch = NewScratchDirectory();
        try
        {
            var uuid = await ModelFolder.UploadAsync(Store, run.Info.RunId, ModelContent, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), "0.1.0");
            var name = Unique("lm");
            await Store.CreateRegisteredModelAsync(name);
            var version = await Store.CreateModelVersionAsync(name, run.Info.ArtifactUri + "/model", run.Info.RunId);

            var folder = await ModelFolder.DownloadAsync(Store, version, Path.Combine(scratch, "version"));

            Assert.Equal(uuid, folder.MlModel.ModelUuid);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task ModelFolder_UploadAsLoggedModelFails_ModelIsUploadFailed()
    {
        if (!await RecordsLoggedModelsAsync())
        {
            return;
        }

        var experiment = await NewExperimentAsync();
        var run = await NewRunAsync(experiment);
        var model = await Store.CreateLoggedModelAsync(new CreateLoggedModelRequest(experiment.ExperimentId, "trial", run.Info.RunId));
        // A cancelled upload is the failure every backend can produce.
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ModelFolder.UploadAsync(Store, run.Info.RunId, model, ModelContent, DateTimeOffset.UnixEpoch, "0.1.0", cancelled.Token));

        Assert.Equal(LoggedModelStatus.UploadFailed, (await Store.GetLoggedModelAsync(model.ModelId)).Status);
    }
}
