using System.Text;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>Drives <see cref="RestTrackingStore"/> against recorded MLflow 2.17.2 exchanges: our requests must match the recording, and we must parse the recorded answers.</summary>
public sealed class ContractReplayTests : IDisposable
{
    private const string ParentRun = "5ff25989798943f2aa3b3609aab5324c";
    private const string ChildRun = "005b61da885c4f2aa72a7efab8b20909";
    private readonly string _temp = Directory.CreateTempSubdirectory("rest-replay-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task GetOrCreateExperiment_Existing_ReturnsItWithoutCreating()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("02"));
        using var store = server.CreateStore();

        var experiment = await store.GetOrCreateExperimentAsync("contract-exp");

        server.AssertAllMatched();
        Assert.Equal("1", experiment.ExperimentId);
        Assert.Equal("mlflow-artifacts:/1", experiment.ArtifactLocation);
        Assert.Equal("active", experiment.LifecycleStage);
        Assert.Equal(1795324883556, experiment.CreationTimeMs);
        Assert.Equal("contract", experiment.Tags["project"]);
    }

    [Fact]
    public async Task GetOrCreateExperiment_Missing_CreatesWithTagsThenFetchesById()
    {
        using var server = new FixtureReplayServer(
            ReplayStep.WithRequest("03", """{"experiment_name": "contract-exp"}"""),
            ReplayStep.Of("01"),
            ReplayStep.Of("05"));
        using var store = server.CreateStore();

        var experiment = await store.GetOrCreateExperimentAsync("contract-exp", new Dictionary<string, string> { ["project"] = "contract" });

        server.AssertAllMatched();
        Assert.Equal("1", experiment.ExperimentId);
        Assert.Equal("contract-exp", experiment.Name);
    }

    [Fact]
    public async Task GetOrCreateExperiment_CreateRacesWithAnotherClient_FetchesTheExistingOne()
    {
        using var server = new FixtureReplayServer(
            ReplayStep.WithRequest("03", """{"experiment_name": "contract-exp"}"""),
            ReplayStep.Of("04"),
            ReplayStep.Of("02"));
        using var store = server.CreateStore();

        var experiment = await store.GetOrCreateExperimentAsync("contract-exp");

        server.AssertAllMatched();
        Assert.Equal("1", experiment.ExperimentId);
    }

    [Fact]
    public async Task GetExperimentByName_NotFound_ReturnsNull()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("03"));
        using var store = server.CreateStore();

        Assert.Null(await store.GetExperimentByNameAsync("no-such-experiment"));
        server.AssertAllMatched();
    }

    [Fact]
    public async Task CreateRun_ParentAndChild_SendsRecordedRequestsAndParsesRunInfo()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("06"), ReplayStep.Of("07", "run_name"));
        using var store = server.CreateStore();

        var parent = await store.CreateRunAsync(new CreateRunRequest("1", "sweep-parent", 1700000000000, new Dictionary<string, string>
        {
            ["mlflow.user"] = "trainer",
            ["mlflow.source.type"] = "LOCAL",
            ["mlflow.source.name"] = "train.exe",
        }));
        var child = await store.CreateRunAsync(new CreateRunRequest("1", "kmeans-k3", 1700000001000, new Dictionary<string, string> { ["mlflow.user"] = "trainer" }, ParentRun));

        server.AssertAllMatched();
        Assert.Equal(ParentRun, parent.Info.RunId);
        Assert.Equal("sweep-parent", parent.Info.RunName);
        Assert.Equal(RunStatus.Running, parent.Info.Status);
        Assert.Equal("", parent.Info.UserId);
        Assert.Equal($"mlflow-artifacts:/1/{ParentRun}/artifacts", parent.Info.ArtifactUri);
        Assert.Null(parent.Info.EndTimeMs);
        Assert.Equal("LOCAL", parent.Data.Tags["mlflow.source.type"]);
        Assert.Equal(ChildRun, child.Info.RunId);
        Assert.Equal(ParentRun, child.Data.Tags["mlflow.parentRunId"]);
        Assert.Empty(child.Data.Metrics);
    }

    [Fact]
    public async Task LogBatch_MetricsParamsTags_SendsOneRecordedBatch()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("08"), ReplayStep.Of("15"), ReplayStep.Of("68"));
        using var store = server.CreateStore();

        await store.LogBatchAsync(
            ChildRun,
            [new Metric("silhouette", 0.41, 1700000002000, 0), new Metric("silhouette", 0.45, 1700000003000, 1), new Metric("silhouette", 0.52, 1700000004000, 2), new Metric("inertia", 123.5, 1700000004000, 2)],
            [new Param("k", "3"), new Param("algorithm", "lloyd")],
            [new RunTag("stage", "train")]);
        await store.LogBatchAsync(ChildRun, parameters: [new Param("k", "3")]);
        await store.LogBatchAsync(ChildRun, tags: [new RunTag("post_finish", "1")]);

        server.AssertAllMatched();
    }

    [Fact]
    public async Task LogBatch_ParamValueOver6000Chars_RefusedBeforeSending()
    {
        // Fixtures 10 and 12: MLflow 2.17 silently truncates such values to 6000 characters (11 shows it), so we refuse them.
        var recorded = ContractFixture.Load("10").Request.GetProperty("params")[0].GetProperty("value").GetString()!;
        using var server = new FixtureReplayServer();
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => store.LogBatchAsync(ChildRun, parameters: [new Param("long_param", recorded)]));

        Assert.Equal(6001, recorded.Length);
        Assert.Contains("long_param", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Received);
    }

    [Fact]
    public async Task LogBatch_ChangedParamValue_ThrowsInvalidParameterWithServerMessage()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("14"));
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => store.LogBatchAsync(ChildRun, parameters: [new Param("k", "5")]));

        server.AssertAllMatched();
        Assert.Equal(400, error.HttpStatus);
        Assert.Contains("Changing param values is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogBatch_UnknownRun_ThrowsResourceNotFound()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("67"));
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            store.LogBatchAsync("0123456789abcdef0123456789abcdef", [new Metric("m", 1, 1700000000000, 0)]));

        server.AssertAllMatched();
        Assert.Equal(404, error.HttpStatus);
    }

    [Fact]
    public async Task SetTagAndLogInputs_SendRecordedRequests()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("17"), ReplayStep.Of("18"));
        using var store = server.CreateStore();

        await store.SetTagAsync(ChildRun, "mlflow.note.content", "contract run");
        await store.LogInputsAsync(ChildRun, [new DatasetInput(
            new Dataset(
                "iris-train",
                "3f2a9c1e",
                "local",
                """{"uri": "file:///data/iris.csv"}""",
                """{"mlflow_colspec": [{"type": "double", "name": "x", "required": true}, {"type": "double", "name": "y", "required": true}]}""",
                """{"num_rows": 150}"""),
            new Dictionary<string, string> { ["mlflow.data.context"] = "training" })]);

        server.AssertAllMatched();
    }

    [Fact]
    public async Task GetRun_Full_ParsesLatestMetricsParamsTagsAndInputs()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("19"));
        using var store = server.CreateStore();

        var run = await store.GetRunAsync(ChildRun);

        server.AssertAllMatched();
        Assert.Equal(0.52, run.Data.Metrics["silhouette"].Value);
        Assert.Equal(2, run.Data.Metrics["silhouette"].Step);
        Assert.Equal(0.8, run.Data.Metrics["davies_bouldin"].Value);
        Assert.Equal("3", run.Data.Params["k"]);
        Assert.Equal(6000, run.Data.Params["long_param"].Length);
        Assert.Equal("contract run", run.Data.Tags["mlflow.note.content"]);
        var input = Assert.Single(run.Inputs);
        Assert.Equal("iris-train", input.Dataset.Name);
        Assert.Equal("3f2a9c1e", input.Dataset.Digest);
        Assert.Equal("""{"num_rows": 150}""", input.Dataset.Profile);
        Assert.Equal("training", input.Tags["mlflow.data.context"]);
    }

    [Fact]
    public async Task GetRun_Unknown_ThrowsResourceNotFound()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("66"));
        using var store = server.CreateStore();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => store.GetRunAsync("0123456789abcdef0123456789abcdef"));
        server.AssertAllMatched();
    }

    [Fact]
    public async Task SearchRuns_Paged_FollowsTokensUntilAnEmptyPageWithoutRunsKey()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("24"), ReplayStep.Of("25"), ReplayStep.Of("26"));
        var client = server.CreateClient();
        using var store = new RestTrackingStore(client, TimeProvider.System) { SearchPageSize = 1 };

        var runs = await store.SearchRunsAsync(new RunSearchRequest(["1"], "metrics.silhouette > 0.3", ["metrics.silhouette DESC"]));

        server.AssertAllMatched();
        Assert.Equal([ChildRun, "be4407a3a7cd4e5b9d8e7e259c0f7a71"], runs.Select(r => r.Info.RunId));
        Assert.Equal(0.35, runs[1].Data.Metrics["silhouette"].Value);
        Assert.Empty(runs[1].Inputs);
    }

    [Fact]
    public async Task SearchRuns_ByParentTag_ReturnsChildrenInStartOrder()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("27", "run_view_type"));
        var client = server.CreateClient();
        using var store = new RestTrackingStore(client, TimeProvider.System) { SearchPageSize = 100 };

        var runs = await store.SearchRunsAsync(new RunSearchRequest(["1"], $"tags.mlflow.parentRunId = '{ParentRun}'", ["attributes.start_time ASC"]));

        server.AssertAllMatched();
        Assert.Equal(["kmeans-k3", "kmeans-k4", "kmeans-k5"], runs.Select(r => r.Info.RunName));
    }

    [Fact]
    public async Task SearchRuns_MaxResultsReached_StopsWithoutFetchingMorePages()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("24"));
        var client = server.CreateClient();
        using var store = new RestTrackingStore(client, TimeProvider.System);

        var runs = await store.SearchRunsAsync(new RunSearchRequest(["1"], "metrics.silhouette > 0.3", ["metrics.silhouette DESC"], MaxResults: 1));

        server.AssertAllMatched();
        Assert.Single(runs);
    }

    [Fact]
    public async Task SearchRuns_BadFilter_ThrowsInvalidParameter()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("28", "run_view_type", "max_results"));
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => store.SearchRunsAsync(new RunSearchRequest(["1"], "metrics.silhouette >>> 0.3")));

        server.AssertAllMatched();
        Assert.Contains("Invalid comparator '>>>'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetricHistory_ReturnsEveryStep_AndBadTypedValueAsStoredZero()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("29"), ReplayStep.Of("72"));
        using var store = server.CreateStore();

        var history = await store.GetMetricHistoryAsync(ChildRun, "silhouette");
        var coerced = await store.GetMetricHistoryAsync(ChildRun, "m");

        server.AssertAllMatched();
        Assert.Equal([0.41, 0.45, 0.52], history.Select(m => m.Value));
        Assert.Equal([0L, 1L, 2L], history.Select(m => m.Step));
        Assert.Equal(1700000003000, history[1].TimestampMs);
        Assert.Equal(new Metric("m", 0, 0, 0), Assert.Single(coerced));
    }

    [Fact]
    public async Task Artifacts_UploadListDownload_UseTheProxyPathsOfTheRunArtifactUri()
    {
        var modelDir = Directory.CreateDirectory(Path.Combine(_temp, "model")).FullName;
        var mlmodel = ContractFixture.Load("30").Request.GetString()!;
        await File.WriteAllTextAsync(Path.Combine(modelDir, "MLmodel"), mlmodel);
        await File.WriteAllTextAsync(Path.Combine(modelDir, "model.onnx"), "ONNX-PLACEHOLDER-BYTES");
        var report = Path.Combine(_temp, "summary.json");
        await File.WriteAllTextAsync(report, """{"silhouette": 0.52}""");
        using var server = new FixtureReplayServer(
            ReplayStep.Of("19"),
            ReplayStep.Of("30"),
            ReplayStep.Of("31"),
            ReplayStep.Of("32"),
            ReplayStep.Of("35"),
            ReplayStep.Of("36"));
        using var store = server.CreateStore();

        await store.UploadArtifactsAsync(ChildRun, modelDir, "model");
        await store.UploadArtifactAsync(ChildRun, report, "reports");
        var listing = await store.ListArtifactsAsync(ChildRun, "model");
        var downloaded = Path.Combine(_temp, "out", "MLmodel");
        await store.DownloadArtifactAsync(ChildRun, "model/MLmodel", downloaded);

        server.AssertAllMatched();
        Assert.Equal(
            [new Artifacts.ArtifactFile("model/MLmodel", false, 151), new Artifacts.ArtifactFile("model/model.onnx", false, 22)],
            listing);
        Assert.Equal(mlmodel, await File.ReadAllTextAsync(downloaded, Encoding.UTF8));
    }

    [Fact]
    public async Task DownloadArtifact_Missing_ThrowsResourceNotFoundWithoutRetrying()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("19"), ReplayStep.Of("37"));
        using var store = server.CreateStore(new MlflowHttpOptions { MaxRetries = 3 });

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => store.DownloadArtifactAsync(ChildRun, "model/nope.bin", Path.Combine(_temp, "nope.bin")));

        server.AssertAllMatched();
        Assert.Equal(2, server.Received);
        Assert.False(File.Exists(Path.Combine(_temp, "nope.bin")));
    }

    [Fact]
    public async Task UpdateRun_Finished_ReturnsUpdatedInfo()
    {
        using var server = new FixtureReplayServer(ReplayStep.Of("38"), ReplayStep.Of("39"));
        using var store = server.CreateStore();

        var child = await store.UpdateRunAsync(ChildRun, RunStatus.Finished, 1700000060000);
        var parent = await store.UpdateRunAsync(ParentRun, RunStatus.Finished, 1700000090000, "sweep-parent");

        server.AssertAllMatched();
        Assert.Equal(RunStatus.Finished, child.Status);
        Assert.Equal(1700000060000, child.EndTimeMs);
        Assert.Equal("sweep-parent", parent.RunName);
    }
}
