using System.Text;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>Drives <see cref="RestTrackingStore"/> against the recorded MLflow 2.17.2 and 3.11 exchanges: our requests must match each recording, and we must parse its answers.</summary>
public sealed class ContractReplayTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("rest-replay-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task GetOrCreateExperiment_Existing_ReturnsItWithoutCreating(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("02"));
        using var store = server.CreateStore();

        var experiment = await store.GetOrCreateExperimentAsync("contract-exp");

        server.AssertAllMatched();
        Assert.Equal("1", experiment.ExperimentId);
        Assert.Equal("mlflow-artifacts:/1", experiment.ArtifactLocation);
        Assert.Equal("active", experiment.LifecycleStage);
        Assert.Equal(recording.Load("02").Response.GetProperty("experiment").GetProperty("creation_time").GetInt64(), experiment.CreationTimeMs);
        Assert.Equal("contract", experiment.Tags["project"]);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task GetOrCreateExperiment_Missing_CreatesWithTagsThenFetchesById(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(
            recording.StepWithRequest("03", """{"experiment_name": "contract-exp"}"""),
            recording.Step("01"),
            recording.Step("05"));
        using var store = server.CreateStore();

        var experiment = await store.GetOrCreateExperimentAsync("contract-exp", new Dictionary<string, string> { ["project"] = "contract" });

        server.AssertAllMatched();
        Assert.Equal("1", experiment.ExperimentId);
        Assert.Equal("contract-exp", experiment.Name);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task GetOrCreateExperiment_CreateRacesWithAnotherClient_FetchesTheExistingOne(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(
            recording.StepWithRequest("03", """{"experiment_name": "contract-exp"}"""),
            recording.Step("04"),
            recording.Step("02"));
        using var store = server.CreateStore();

        var experiment = await store.GetOrCreateExperimentAsync("contract-exp");

        server.AssertAllMatched();
        Assert.Equal("1", experiment.ExperimentId);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task GetExperimentByName_NotFound_ReturnsNull(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("03"));
        using var store = server.CreateStore();

        Assert.Null(await store.GetExperimentByNameAsync("no-such-experiment"));
        server.AssertAllMatched();
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task CreateRun_ParentAndChild_SendsRecordedRequestsAndParsesRunInfo(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("06"), recording.Step("07", "run_name"));
        using var store = server.CreateStore();

        var parent = await store.CreateRunAsync(new CreateRunRequest("1", "sweep-parent", 1700000000000, new Dictionary<string, string>
        {
            ["mlflow.user"] = "trainer",
            ["mlflow.source.type"] = "LOCAL",
            ["mlflow.source.name"] = "train.exe",
        }));
        var child = await store.CreateRunAsync(new CreateRunRequest("1", "kmeans-k3", 1700000001000, new Dictionary<string, string> { ["mlflow.user"] = "trainer" }, recording.ParentRun));

        server.AssertAllMatched();
        Assert.Equal(recording.ParentRun, parent.Info.RunId);
        Assert.Equal("sweep-parent", parent.Info.RunName);
        Assert.Equal(RunStatus.Running, parent.Info.Status);
        Assert.Equal("", parent.Info.UserId);
        Assert.Equal($"mlflow-artifacts:/1/{recording.ParentRun}/artifacts", parent.Info.ArtifactUri);
        Assert.Null(parent.Info.EndTimeMs);
        Assert.Equal("LOCAL", parent.Data.Tags["mlflow.source.type"]);
        Assert.Equal(recording.ChildRun, child.Info.RunId);
        Assert.Equal(recording.ParentRun, child.Data.Tags["mlflow.parentRunId"]);
        Assert.Empty(child.Data.Metrics);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task LogBatch_MetricsParamsTags_SendsOneRecordedBatch(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("08"), recording.Step("15"), recording.Step("68"));
        using var store = server.CreateStore();

        await store.LogBatchAsync(
            recording.ChildRun,
            [new Metric("silhouette", 0.41, 1700000002000, 0), new Metric("silhouette", 0.45, 1700000003000, 1), new Metric("silhouette", 0.52, 1700000004000, 2), new Metric("inertia", 123.5, 1700000004000, 2)],
            [new Param("k", "3"), new Param("algorithm", "lloyd")],
            [new RunTag("stage", "train")]);
        await store.LogBatchAsync(recording.ChildRun, parameters: [new Param("k", "3")]);
        await store.LogBatchAsync(recording.ChildRun, tags: [new RunTag("post_finish", "1")]);

        server.AssertAllMatched();
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task LogBatch_ParamValueOver6000Chars_RefusedBeforeSending(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        // Fixtures 10 and 12: MLflow 2.17 silently truncates such values to 6000 characters (11 shows it), so we refuse them.
        var recorded = recording.Load("10").Request.GetProperty("params")[0].GetProperty("value").GetString()!;
        using var server = new FixtureReplayServer();
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => store.LogBatchAsync(recording.ChildRun, parameters: [new Param("long_param", recorded)]));

        Assert.Equal(6001, recorded.Length);
        Assert.Contains("long_param", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Received);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task LogBatch_ChangedParamValue_ThrowsInvalidParameterWithServerMessage(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("14"));
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => store.LogBatchAsync(recording.ChildRun, parameters: [new Param("k", "5")]));

        server.AssertAllMatched();
        Assert.Equal(400, error.HttpStatus);
        Assert.Contains("Changing param values is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task LogBatch_UnknownRun_ThrowsResourceNotFound(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("67"));
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            store.LogBatchAsync("0123456789abcdef0123456789abcdef", [new Metric("m", 1, 1700000000000, 0)]));

        server.AssertAllMatched();
        Assert.Equal(404, error.HttpStatus);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task SetTagAndLogInputs_SendRecordedRequests(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("17"), recording.Step("18"));
        using var store = server.CreateStore();

        await store.SetTagAsync(recording.ChildRun, "mlflow.note.content", "contract run");
        await store.LogInputsAsync(recording.ChildRun, [new DatasetInput(
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

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task GetRun_Full_ParsesLatestMetricsParamsTagsAndInputs(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("19"));
        using var store = server.CreateStore();

        var run = await store.GetRunAsync(recording.ChildRun);

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

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task GetRun_Unknown_ThrowsResourceNotFound(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("66"));
        using var store = server.CreateStore();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => store.GetRunAsync("0123456789abcdef0123456789abcdef"));
        server.AssertAllMatched();
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task SearchRuns_Paged_FollowsTokensUntilAnEmptyPageWithoutRunsKey(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        // 2.17.2 gives a token with every full page, then answers {} (26); 3.x gives none after the last run (its 25's note).
        using var server = new FixtureReplayServer(recording.IsMlflow3
            ? [recording.Step("24"), recording.Step("25")]
            : [recording.Step("24"), recording.Step("25"), recording.Step("26")]);
        var client = server.CreateClient();
        using var store = new RestTrackingStore(client, TimeProvider.System) { SearchPageSize = 1 };

        var runs = await store.SearchRunsAsync(new RunSearchRequest(["1"], "metrics.silhouette > 0.3", ["metrics.silhouette DESC"]));

        server.AssertAllMatched();
        Assert.Equal([recording.ChildRun, recording.K4Run], runs.Select(r => r.Info.RunId));
        Assert.Equal(0.35, runs[1].Data.Metrics["silhouette"].Value);
        Assert.Empty(runs[1].Inputs);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task SearchRuns_ByParentTag_ReturnsChildrenInStartOrder(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("27", "run_view_type"));
        var client = server.CreateClient();
        using var store = new RestTrackingStore(client, TimeProvider.System) { SearchPageSize = 100 };

        var runs = await store.SearchRunsAsync(new RunSearchRequest(["1"], $"tags.mlflow.parentRunId = '{recording.ParentRun}'", ["attributes.start_time ASC"]));

        server.AssertAllMatched();
        Assert.Equal(["kmeans-k3", "kmeans-k4", "kmeans-k5"], runs.Select(r => r.Info.RunName));
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task SearchRuns_MaxResultsReached_StopsWithoutFetchingMorePages(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("24"));
        var client = server.CreateClient();
        using var store = new RestTrackingStore(client, TimeProvider.System);

        var runs = await store.SearchRunsAsync(new RunSearchRequest(["1"], "metrics.silhouette > 0.3", ["metrics.silhouette DESC"], MaxResults: 1));

        server.AssertAllMatched();
        Assert.Single(runs);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task SearchRuns_BadFilter_ThrowsInvalidParameter(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("28", "run_view_type", "max_results"));
        using var store = server.CreateStore();

        var error = await Assert.ThrowsAsync<InvalidParameterException>(() => store.SearchRunsAsync(new RunSearchRequest(["1"], "metrics.silhouette >>> 0.3")));

        server.AssertAllMatched();
        Assert.Contains("Invalid comparator '>>>'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task GetMetricHistory_ReturnsEveryStep_AndBadTypedValueAsStoredZero(string mlflow)
    {
        // The generation is asked once; 2.17.2 gets its recorded form (29, 72), 3.x the form with max_results (78's answer, 82).
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.IsMlflow3
            ? [recording.Version(), recording.StepWithRequest("78", $$"""{"run_id": "{{recording.ChildRun}}", "metric_key": "silhouette", "max_results": 25000}"""), recording.Step("82")]
            : [recording.Version(), recording.Step("29"), recording.Step("72")]);
        using var store = server.CreateStore();

        var history = await store.GetMetricHistoryAsync(recording.ChildRun, "silhouette");
        var coerced = await store.GetMetricHistoryAsync(recording.ChildRun, "m");

        server.AssertAllMatched();
        Assert.Equal([0.41, 0.45, 0.52], history.Select(m => m.Value));
        Assert.Equal([0L, 1L, 2L], history.Select(m => m.Step));
        Assert.Equal(1700000003000, history[1].TimestampMs);
        Assert.Equal(new Metric("m", 0, 0, 0), Assert.Single(coerced));
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task Artifacts_UploadListDownload_UseTheProxyPathsOfTheRunArtifactUri(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        var modelDir = Directory.CreateDirectory(Path.Combine(_temp, "model")).FullName;
        var mlmodel = recording.Load("30").Request.GetString()!;
        await File.WriteAllTextAsync(Path.Combine(modelDir, "MLmodel"), mlmodel);
        await File.WriteAllTextAsync(Path.Combine(modelDir, "model.onnx"), "ONNX-PLACEHOLDER-BYTES");
        var report = Path.Combine(_temp, "summary.json");
        await File.WriteAllTextAsync(report, """{"silhouette": 0.52}""");
        using var server = new FixtureReplayServer(
            recording.Step("19"),
            recording.Step("30"),
            recording.Step("31"),
            recording.Step("32"),
            recording.Step("35"),
            recording.Step("36"));
        using var store = server.CreateStore();

        await store.UploadArtifactsAsync(recording.ChildRun, modelDir, "model");
        await store.UploadArtifactAsync(recording.ChildRun, report, "reports");
        var listing = await store.ListArtifactsAsync(recording.ChildRun, "model");
        var downloaded = Path.Combine(_temp, "out", "MLmodel");
        await store.DownloadArtifactAsync(recording.ChildRun, "model/MLmodel", downloaded);

        server.AssertAllMatched();
        Assert.Equal(
            [new Artifacts.ArtifactFile("model/MLmodel", false, 151), new Artifacts.ArtifactFile("model/model.onnx", false, 22)],
            listing);
        Assert.Equal(mlmodel, await File.ReadAllTextAsync(downloaded, Encoding.UTF8));
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task DownloadArtifact_Missing_ThrowsResourceNotFoundWithoutRetrying(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("19"), recording.Step("37"));
        using var store = server.CreateStore(new MlflowHttpOptions { MaxRetries = 3 });

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => store.DownloadArtifactAsync(recording.ChildRun, "model/nope.bin", Path.Combine(_temp, "nope.bin")));

        server.AssertAllMatched();
        Assert.Equal(2, server.Received);
        Assert.False(File.Exists(Path.Combine(_temp, "nope.bin")));
    }

    [Theory]
    [MemberData(nameof(ContractRecording.Names), MemberType = typeof(ContractRecording))]
    public async Task UpdateRun_Finished_ReturnsUpdatedInfo(string mlflow)
    {
        var recording = ContractRecording.Of(mlflow);
        using var server = new FixtureReplayServer(recording.Step("38"), recording.Step("39"));
        using var store = server.CreateStore();

        var child = await store.UpdateRunAsync(recording.ChildRun, RunStatus.Finished, 1700000060000);
        var parent = await store.UpdateRunAsync(recording.ParentRun, RunStatus.Finished, 1700000090000, "sweep-parent");

        server.AssertAllMatched();
        Assert.Equal(RunStatus.Finished, child.Status);
        Assert.Equal(1700000060000, child.EndTimeMs);
        Assert.Equal("sweep-parent", parent.RunName);
    }

    [Fact]
    public async Task GetMetricHistory_Mlflow3ServerInvalidPageTokenOffsetZero_PagesWithMaxResultsUntilNoToken()
    {
        // Issue 10: against 3.11 the history came back empty with token {"offset": 0}, and following it failed with 400
        // "Invalid page token, parsed value={'offset': 0}" (v3 29, 74). With max_results it pages (75, 76).
        var recording = ContractRecording.Mlflow3;
        using var server = new FixtureReplayServer(recording.Version(), recording.Step("75"), recording.Step("76"));
        var client = server.CreateClient();
        using var store = new RestTrackingStore(client, TimeProvider.System) { MetricHistoryPageSize = 2 };

        var history = await store.GetMetricHistoryAsync(recording.ChildRun, "silhouette");

        server.AssertAllMatched();
        Assert.Equal(MlflowServerGeneration.Mlflow3, await store.GetServerGenerationAsync());
        Assert.Equal([0.41, 0.45, 0.52], history.Select(m => m.Value));
        Assert.Equal([0L, 1L, 2L], history.Select(m => m.Step));
    }

    [Fact]
    public async Task GetMetricHistory_ServerWithoutVersionEndpoint_SendsMaxResultsWhichBothGenerationsAccept()
    {
        // A /version that is not a version (here the HTML 404 of 73) leaves the generation unknown: max_results works on both (v3 78).
        var recording = ContractRecording.Mlflow3;
        var notFound = new ReplayStep(recording.Load("73") with { Path = "/version" }, null, new HashSet<string>(StringComparer.Ordinal));
        using var server = new FixtureReplayServer(notFound, recording.Step("82"));
        using var store = server.CreateStore();

        var coerced = await store.GetMetricHistoryAsync(recording.ChildRun, "m");

        server.AssertAllMatched();
        Assert.Equal(MlflowServerGeneration.Unknown, await store.GetServerGenerationAsync());
        Assert.Equal(new Metric("m", 0, 0, 0), Assert.Single(coerced));
    }

    [Fact]
    public async Task SearchRuns_Mlflow3LastPageFull_StopsWithoutAnEmptyPage()
    {
        // v3 84/85: the last, full page carries no token (2.17.2 gave one and answered {} for it).
        var recording = ContractRecording.Mlflow3;
        const string Query = """{"experiment_ids": ["1"], "run_view_type": "ACTIVE_ONLY", "max_results": 2, "order_by": ["attributes.start_time ASC"]""";
        using var server = new FixtureReplayServer(
            recording.StepWithRequest("84", Query + "}"),
            recording.StepWithRequest("85", Query + """, "page_token": "eyJvZmZzZXQiOiAyfQ=="}"""));
        var client = server.CreateClient();
        using var store = new RestTrackingStore(client, TimeProvider.System) { SearchPageSize = 2 };

        var runs = await store.SearchRunsAsync(new RunSearchRequest(["1"], null, ["attributes.start_time ASC"]));

        server.AssertAllMatched();
        Assert.Equal(4, runs.Count);
        Assert.Equal(recording.ParentRun, runs[0].Info.RunId);
    }

    [Theory]
    [InlineData("2.17.2", MlflowServerGeneration.Mlflow2)]
    [InlineData("3.11.2.dev0", MlflowServerGeneration.Mlflow3)]
    [InlineData("4.0.0", MlflowServerGeneration.Mlflow3)]
    [InlineData("1.30.1", MlflowServerGeneration.Unknown)]
    [InlineData("<!doctype html>", MlflowServerGeneration.Unknown)]
    [InlineData("", MlflowServerGeneration.Unknown)]
    public void ParseGeneration_VersionText_MapsToGeneration(string version, MlflowServerGeneration expected)
    {
        Assert.Equal(expected, RestTrackingStore.ParseGeneration(version));
    }
}
