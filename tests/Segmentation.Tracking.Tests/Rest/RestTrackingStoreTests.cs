using System.Globalization;
using System.Text;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Segmentation.Tracking.Tests.Rest.Support;

namespace Segmentation.Tracking.Tests.Rest;

/// <summary>REST-specific store behaviour: chunking to the server's limits, readiness polling, artifact URI mapping.</summary>
public sealed class RestTrackingStoreTests
{
    [Fact]
    public async Task LogBatch_250ParamsAnd1500Metrics_SplitIntoRequestsTheServerAccepts()
    {
        using var emulator = new MlflowEmulator();
        using var store = new RestTrackingStore(new MlflowHttpClient(new MlflowClientSettings(emulator.BaseUri), TimeProvider.System), TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("chunking");
        var run = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "big", 1));
        // The server's generation (one GET /version per store) is asked before counting, so only logging and reading are counted.
        await store.GetServerGenerationAsync();
        var before = emulator.RequestCount;

        await store.LogBatchAsync(
            run.Info.RunId,
            Enumerable.Range(0, 1500).Select(i => new Metric("m" + (i % 7).ToString(CultureInfo.InvariantCulture), i, i, i)).ToArray(),
            Enumerable.Range(0, 250).Select(i => new Param("p" + i.ToString(CultureInfo.InvariantCulture), "v")).ToArray());

        // The emulator, like MLflow, refuses a request over 100 params or 1000 entities; all arrived, so every chunk fit.
        var fetched = await store.GetRunAsync(run.Info.RunId);
        Assert.Equal(250, fetched.Data.Params.Count);
        var points = 0;
        for (var key = 0; key < 7; key++)
        {
            points += (await store.GetMetricHistoryAsync(run.Info.RunId, "m" + key.ToString(CultureInfo.InvariantCulture))).Count;
        }

        Assert.Equal(1500, points);
        // 100 params + 900 metrics, 100 + 600, then the last 50 params: three requests.
        Assert.Equal(3 + 1 + 7, emulator.RequestCount - before);
    }

    [Fact]
    public async Task WaitForModelVersionReady_PendingThenReady_PollsOnTheClock()
    {
        var polls = 0;
        using var server = new LoopbackHttpServer(ctx =>
        {
            var status = Interlocked.Increment(ref polls) < 3 ? "PENDING_REGISTRATION" : "READY";
            return LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", Encoding.UTF8.GetBytes(
                $$$"""{"model_version": {"name": "m", "version": "1", "current_stage": "None", "source": "runs:/r/model", "status": "{{{status}}}"}}"""));
        });
        var clock = new AutoAdvancingTimeProvider();
        using var store = new RestTrackingStore(new MlflowHttpClient(new MlflowClientSettings(server.BaseUri) { Http = TestOptions.OnFakeClock() }, clock), clock);

        var version = await store.WaitForModelVersionReadyAsync("m", "1", TimeSpan.FromMinutes(1));

        Assert.Equal("READY", version.Status);
        Assert.Equal(3, polls);
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)], clock.FiredDelays);
    }

    [Fact]
    public async Task WaitForModelVersionReady_StillPendingAtTimeout_ThrowsNamingTheVersion()
    {
        using var server = new LoopbackHttpServer(ctx => LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", Encoding.UTF8.GetBytes(
            """{"model_version": {"name": "m", "version": "4", "source": "s", "status": "PENDING_REGISTRATION"}}""")));
        var clock = new AutoAdvancingTimeProvider();
        using var store = new RestTrackingStore(new MlflowHttpClient(new MlflowClientSettings(server.BaseUri) { Http = TestOptions.OnFakeClock() }, clock), clock);

        var error = await Assert.ThrowsAsync<MlflowException>(() => store.WaitForModelVersionReadyAsync("m", "4", TimeSpan.FromSeconds(2)));

        Assert.Contains("version 4 is still PENDING_REGISTRATION after 2 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2), clock.Elapsed);
    }

    [Fact]
    public async Task WaitForModelVersionReady_FailedRegistration_ThrowsWithStatusMessage()
    {
        using var server = new LoopbackHttpServer(ctx => LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", Encoding.UTF8.GetBytes(
            """{"model_version": {"name": "m", "version": "2", "source": "s", "status": "FAILED_REGISTRATION", "status_message": "copy failed"}}""")));
        using var store = new RestTrackingStore(new MlflowHttpClient(new MlflowClientSettings(server.BaseUri) { Http = TestOptions.OnFakeClock() }, new AutoAdvancingTimeProvider()), TimeProvider.System);

        var error = await Assert.ThrowsAsync<MlflowException>(() => store.WaitForModelVersionReadyAsync("m", "2", TimeSpan.FromMinutes(1)));

        Assert.Contains("copy failed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mlflow-artifacts:/1/abc/artifacts", "1/abc/artifacts")]
    [InlineData("mlflow-artifacts://mlflow.internal:5000/7/abc/artifacts", "7/abc/artifacts")]
    [InlineData("mlflow-artifacts:/", "")]
    public void ToProxyRoot_ArtifactUriForms_MapToProxyPath(string uri, string expected)
    {
        Assert.Equal(expected, MlflowArtifactPaths.ToProxyRoot(uri));
    }

    [Fact]
    public void ToProxyRoot_ServerWithoutArtifactProxy_ExplainsServeArtifacts()
    {
        var error = Assert.Throws<MlflowException>(() => MlflowArtifactPaths.ToProxyRoot("s3://bucket/1/abc/artifacts"));

        Assert.Contains("--serve-artifacts", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../b")]
    [InlineData("a//b")]
    public void NormaliseRelative_EscapingPath_Refused(string path)
    {
        Assert.Throws<InvalidParameterException>(() => MlflowArtifactPaths.NormaliseRelative(path, "artifactPath"));
    }

    [Fact]
    public void FilePath_SpecialCharacters_EscapedPerSegment()
    {
        Assert.Equal("/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/plots/elbow%20k%3D3.svg", MlflowArtifactPaths.FilePath("1/abc/artifacts", "plots/elbow k=3.svg"));
    }
}
