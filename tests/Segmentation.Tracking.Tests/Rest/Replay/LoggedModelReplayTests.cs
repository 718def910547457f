using Segmentation.Tracking.Errors;
using Segmentation.Tracking.LoggedModels;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>The logged-model requests against what a genuine MLflow 3.11 server accepted (v3 fixtures 92-133): bodies must match the recordings.</summary>
public sealed class LoggedModelReplayTests
{
    private static readonly ContractRecording V3 = ContractRecording.Mlflow3;

    private static string RecordedRun => V3.Load("92").Request.GetProperty("source_run_id").GetString()!;

    private static string RecordedModel => V3.Load("92").Response.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;

    [Fact]
    public async Task CreateLoggedModel_WithTypeParamsAndTags_SendsRecordedRequestAndParsesPendingModel()
    {
        using var server = new FixtureReplayServer(V3.Step("92"));
        using var store = server.CreateStore();

        var model = await store.CreateLoggedModelAsync(new CreateLoggedModelRequest(
            "1", "kmeans-k3", RecordedRun, new Dictionary<string, string> { ["k"] = "3" }, new Dictionary<string, string> { ["framework"] = "onnx" }, "onnx"));

        server.AssertAllMatched();
        Assert.Equal(RecordedModel, model.ModelId);
        Assert.Equal(LoggedModelStatus.Pending, model.Status);
        Assert.Equal($"mlflow-artifacts:/1/models/{RecordedModel}/artifacts", model.ArtifactUri);
        Assert.Equal("3", model.Params["k"]);
    }

    [Fact]
    public async Task LogLoggedModelMetrics_WithDataset_SendsRecordedLogBatch()
    {
        using var server = new FixtureReplayServer(V3.Step("100"));
        using var store = server.CreateStore();

        await store.LogLoggedModelMetricsAsync(RecordedRun, RecordedModel, [new Metric("eval_inertia", 120.0, 1700000070000, 0)], "iris-train", "3f2a9c1e");

        server.AssertAllMatched();
    }

    [Fact]
    public async Task FinalizeLoggedModel_Ready_SendsTheEnumNameAndParsesParamsAndMetrics()
    {
        using var server = new FixtureReplayServer(V3.Step("101"));
        using var store = server.CreateStore();

        var model = await store.FinalizeLoggedModelAsync(RecordedModel, LoggedModelStatus.Ready);

        server.AssertAllMatched();
        Assert.Equal(LoggedModelStatus.Ready, model.Status);
        Assert.Equal(["eval_silhouette", "eval_inertia"], model.Metrics.Select(m => m.Key));
        Assert.Equal("lloyd", model.Params["algorithm"]);
    }

    [Fact]
    public async Task GetLoggedModel_Unknown_ThrowsResourceNotFound()
    {
        using var server = new FixtureReplayServer(V3.Step("118"));
        using var store = server.CreateStore();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => store.GetLoggedModelAsync("m-0123456789abcdef0123456789abcdef"));
        server.AssertAllMatched();
    }

    [Fact]
    public async Task LogModelOutput_AtAStep_SendsRecordedRequest_AndTheDuplicateIsAnMlflowError()
    {
        using var server = new FixtureReplayServer(V3.Step("120"), V3.Step("124"));
        using var store = server.CreateStore();

        await store.LogModelOutputAsync(RecordedRun, RecordedModel, 2);
        var error = await Assert.ThrowsAnyAsync<MlflowException>(() => store.LogModelOutputAsync(RecordedRun, RecordedModel, 2));

        server.AssertAllMatched();
        Assert.Equal(ErrorCodes.BadRequest, error.ErrorCode);
    }

    [Fact]
    public async Task GetRun_WithModelOutputs_ParsesThem()
    {
        using var server = new FixtureReplayServer(V3.Step("122"));
        using var store = server.CreateStore();

        var run = await store.GetRunAsync(RecordedRun);

        server.AssertAllMatched();
        Assert.Equal([new ModelOutput(RecordedModel, 2)], run.ModelOutputs);
    }

    [Fact]
    public async Task SearchLoggedModels_Experiment_SendsRecordedRequestAndParsesBoth()
    {
        using var server = new FixtureReplayServer(V3.Step("108"));
        using var store = server.CreateStore();

        var models = await store.SearchLoggedModelsAsync(["1"]);

        server.AssertAllMatched();
        Assert.Equal(2, models.Count);
        Assert.Null(models[0].SourceRunId);
    }

    [Fact]
    public async Task CreateModelVersionFromLoggedModel_NoRunId_SendsModelsUriAndModelIdAsRecorded()
    {
        using var server = new FixtureReplayServer(V3.Step("126"));
        using var store = server.CreateStore();

        var version = await store.CreateModelVersionFromLoggedModelAsync("contract-model", RecordedModel, null);

        server.AssertAllMatched();
        Assert.Equal("models:/" + RecordedModel, version.Source);
        Assert.Equal(RecordedRun, version.RunId);
    }

    [Fact]
    public async Task CreateModelVersionFromLoggedModel_UnknownModel_ThrowsTheServersInternalError()
    {
        using var server = new FixtureReplayServer(V3.Step("133"));
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAnyAsync<MlflowException>(() => store.CreateModelVersionFromLoggedModelAsync("contract-model", "m-0123456789abcdef0123456789abcdef", null));

        Assert.Equal(ErrorCodes.InternalError, error.ErrorCode);
        server.AssertAllMatched();
    }

    [Fact]
    public async Task SupportsLoggedModels_VersionEndpoint_TrueOnlyForMlflow3()
    {
        foreach (var recording in new[] { ContractRecording.Mlflow2, V3 })
        {
            using var server = new FixtureReplayServer(recording.Version());
            using var store = server.CreateStore();

            Assert.Equal(recording.IsMlflow3, await store.SupportsLoggedModelsAsync());
            server.AssertAllMatched();
        }
    }
}
