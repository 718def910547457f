using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Segmentation.Core.Errors;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Segmentation.Tracking.Tests.Rest.Support;

namespace Segmentation.Tracking.Tests.Rest.Faults;

/// <summary>The REST store behind <see cref="FaultProxy"/>: creates stay single, give-up is bounded, Ctrl-C is prompt (issue 11).</summary>
public sealed class RestStoreUnderFaultsTests : IDisposable
{
    private const string CreateVersion = "POST /api/2.0/mlflow/model-versions/create";
    private const string CreateRun = "POST /api/2.0/mlflow/runs/create";
    private readonly MlflowEmulator _emulator = new();

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task CreateModelVersion_ResponseDroppedAfterTheServerActed_LeavesOneVersion()
    {
        // Regression (issue 11: "a retried model-versions/create whose response was lost creates duplicate versions").
        using var proxy = new FaultProxy(_emulator.BaseUri, 1.0, seed: 1) { Faults = [FaultKind.DroppedAfterServerActed], Applies = FirstCalls(CreateVersion, 1) };
        using var store = Store(proxy.BaseUri);
        var run = await NewRunAsync(store);
        await store.CreateRegisteredModelAsync("m");

        var version = await store.CreateModelVersionAsync("m", run.Info.ArtifactUri + "/model", run.Info.RunId);

        // The one re-send looked first and found what the dropped attempt made.
        Assert.Equal(1, proxy.Injected[FaultKind.DroppedAfterServerActed]);
        var versions = await _emulator.Store.SearchModelVersionsAsync("name='m'");
        Assert.Equal("1", Assert.Single(versions).Version);
        Assert.Equal("1", version.Version);
        Assert.Equal(run.Info.RunId, version.RunId);
    }

    [Fact]
    public async Task CreateRun_SlowResponsesBeyondTheAttemptTimeout_LeaveOneRunAndNoGhost()
    {
        // Issue 11: "with slow runs/create responses and a short request timeout, 79 child runs stayed RUNNING forever".
        using var proxy = new FaultProxy(_emulator.BaseUri, 1.0, seed: 2)
        {
            Faults = [FaultKind.SlowResponse],
            Applies = FirstCalls(CreateRun, 3),
            SlowDelay = TimeSpan.FromMilliseconds(900),
        };
        using var store = Store(proxy.BaseUri, new MlflowHttpOptions { MaxRetries = 5, BackoffFactor = TimeSpan.FromMilliseconds(5), BackoffJitter = TimeSpan.Zero, RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var experiment = await store.GetOrCreateExperimentAsync("slow");

        var run = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "only", 1));

        Assert.Equal(1, proxy.Injected[FaultKind.SlowResponse]);
        var runs = await _emulator.Store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId], null, ViewType: ViewType.All));
        Assert.Equal(run.Info.RunId, Assert.Single(runs).Info.RunId);
    }

    [Fact]
    public async Task Calls_InternalErrorOutlastsTheRetries_IsUnreachableForExitCode3()
    {
        using var proxy = new FaultProxy(_emulator.BaseUri, 1.0, seed: 3) { Faults = [FaultKind.InternalError] };
        using var store = Store(proxy.BaseUri, new MlflowHttpOptions { MaxRetries = 2, BackoffFactor = TimeSpan.Zero, BackoffJitter = TimeSpan.Zero });

        var error = await Assert.ThrowsAsync<TrackingUnreachableException>(() => store.GetOrCreateExperimentAsync("e"));

        Assert.Equal(ErrorKind.TrackingUnreachable, error.Kind);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("exhausted after 3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadArtifact_ServerFailingWith500_RetriesThenIsUnreachableAndLeavesNoFile()
    {
        using var direct = Store(_emulator.BaseUri);
        var run = await NewRunAsync(direct);
        await direct.UploadArtifactContentAsync(run.Info.RunId, "model/MLmodel", "flavors: {}\n"u8.ToArray());
        using var proxy = new FaultProxy(_emulator.BaseUri, 1.0, seed: 4) { Faults = [FaultKind.InternalError], Applies = op => op.StartsWith("GET /api/2.0/mlflow-artifacts/artifacts/", StringComparison.Ordinal) };
        using var store = Store(proxy.BaseUri, new MlflowHttpOptions { MaxRetries = 2, BackoffFactor = TimeSpan.Zero, BackoffJitter = TimeSpan.Zero });
        var folder = Path.Combine(Path.GetTempPath(), "faults-download-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A 500 that is not MLflow's "No such file or directory" is a failing server: retried, then exit 3, not "missing".
            await Assert.ThrowsAsync<TrackingUnreachableException>(() => store.DownloadArtifactAsync(run.Info.RunId, "model/MLmodel", Path.Combine(folder, "MLmodel")));

            Assert.Equal(3, proxy.Injected[FaultKind.InternalError]);
            Assert.True(!Directory.Exists(folder) || Directory.GetFileSystemEntries(folder).Length == 0);
            await Assert.ThrowsAsync<ResourceNotFoundException>(() => direct.DownloadArtifactAsync(run.Info.RunId, "model/absent", Path.Combine(folder, "absent")));
            Assert.True(!Directory.Exists(folder) || Directory.GetFileSystemEntries(folder).Length == 0);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task DownloadArtifact_ResponsesDroppedAndReset_ArrivesWholeWithNoTemporaryFileLeft()
    {
        using var direct = Store(_emulator.BaseUri);
        var run = await NewRunAsync(direct);
        var content = Enumerable.Range(0, 50_000).Select(i => (byte)(i % 251)).ToArray();
        await direct.UploadArtifactContentAsync(run.Info.RunId, "data/blob.bin", content);
        using var proxy = new FaultProxy(_emulator.BaseUri, 0.5, seed: 5) { Faults = [FaultKind.DroppedAfterServerActed, FaultKind.ConnectionReset] };
        using var store = Store(proxy.BaseUri, new MlflowHttpOptions { MaxRetries = 10, BackoffFactor = TimeSpan.Zero, BackoffJitter = TimeSpan.Zero });
        var folder = Path.Combine(Path.GetTempPath(), "faults-download-" + Guid.NewGuid().ToString("N"));
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await store.DownloadArtifactAsync(run.Info.RunId, "data/blob.bin", Path.Combine(folder, "blob.bin"));
            }

            Assert.True(proxy.InjectedTotal > 0);
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(folder, "blob.bin")));
            Assert.Equal(["blob.bin"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Calls_ServerDown_GiveUpAtTheTotalDeadlineWithProgressLines()
    {
        var log = new ConcurrentQueue<string>();
        var options = new MlflowHttpOptions { MaxRetries = 7, BackoffFactor = TimeSpan.FromMilliseconds(200), BackoffJitter = TimeSpan.Zero, TotalTimeout = TimeSpan.FromSeconds(1.5) };
        using var client = new MlflowHttpClient(new MlflowClientSettings(RefusingUri()) { Http = options }, TimeProvider.System, log: log.Enqueue);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TrackingUnreachableException>(() => client.GetJsonAsync("/api/2.0/mlflow/experiments/get", null, CancellationToken.None));

        // 0 + 0.4 + 0.8 s of backoff fit in 1.5 s; the 1.6 s one would not, so the 4th attempt is the last, at ~1.2 s.
        // Upper bound with room for a loaded machine; without the deadline the 7 retries take 25 s.
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5));
        Assert.True(error.Message.Contains("gave up after 4 attempt(s)", StringComparison.Ordinal), error.Message);
        Assert.Contains(MlflowHttpOptions.TotalTimeoutVariable, error.Message, StringComparison.Ordinal);
        Assert.Equal(
            ["unreachable (connection refused), retry 1/7 in 0 s", "unreachable (connection refused), retry 2/7 in 0.4 s", "unreachable (connection refused), retry 3/7 in 0.8 s"],
            log.Where(line => line.Contains(", retry ", StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(" unreachable", StringComparison.Ordinal) + 1)..line.IndexOf(" (GET", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task Calls_CancelledDuringABackoffSleep_StopWithinASecond()
    {
        var options = new MlflowHttpOptions { MaxRetries = 7, BackoffFactor = TimeSpan.FromSeconds(30), BackoffJitter = TimeSpan.Zero };
        using var client = new MlflowHttpClient(new MlflowClientSettings(RefusingUri()) { Http = options }, TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        var call = client.GetJsonAsync("/api/2.0/mlflow/experiments/get", null, cancel.Token);
        await Task.Delay(300);
        var watch = Stopwatch.StartNew();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"cancellation took {watch.Elapsed}");
    }

    [Fact]
    public async Task Calls_CancelledWhileTheServerHoldsTheRequest_StopWithinASecond()
    {
        var release = new TaskCompletionSource();
        using var hanging = new LoopbackHttpServer(async ctx =>
        {
            await release.Task;
            ctx.Response.Abort();
        });
        try
        {
            using var client = new MlflowHttpClient(new MlflowClientSettings(hanging.BaseUri), TimeProvider.System);
            using var cancel = new CancellationTokenSource();
            var call = client.PostJsonAsync("/api/2.0/mlflow/runs/create", new JsonObject(), cancel.Token);
            await Task.Delay(300);
            var watch = Stopwatch.StartNew();
            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"cancellation took {watch.Elapsed}");
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task Calls_AfterACancelledCallToAHungServer_CloseQuicklyThenRetryFullyOnceItAnswers()
    {
        // Ctrl-C during a sweep: the runs are then closed with uncancellable calls; against a hung server each must not
        // wait a whole attempt timeout, let alone its retries.
        var answering = 0;
        var release = new TaskCompletionSource();
        using var server = new LoopbackHttpServer(async ctx =>
        {
            if (Volatile.Read(ref answering) == 0)
            {
                await release.Task;
                ctx.Response.Abort();
                return;
            }

            await LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", "{}"u8.ToArray());
        });
        try
        {
            var options = new MlflowHttpOptions { MaxRetries = 7, BackoffFactor = TimeSpan.FromSeconds(1), BackoffJitter = TimeSpan.Zero, RequestTimeout = TimeSpan.FromSeconds(60) };
            using var client = new MlflowHttpClient(new MlflowClientSettings(server.BaseUri) { Http = options }, TimeProvider.System);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PostJsonAsync("/api/2.0/mlflow/runs/update", new JsonObject(), cancel.Token));
            var watch = Stopwatch.StartNew();

            var closing = await Assert.ThrowsAsync<TrackingUnreachableException>(() => client.PostJsonAsync("/api/2.0/mlflow/runs/update", new JsonObject(), CancellationToken.None));

            // The cut is the 1 s winding-down budget; the bound leaves room for a loaded machine and is still far below one 60 s attempt.
            Assert.InRange(watch.Elapsed, TimeSpan.Zero, options.WindingDownTimeout + TimeSpan.FromSeconds(4));
            // Cut at the budget ("gave up after 1 attempt(s)") or, when the hung connection is reset first, a transport failure — both unreachable, both fast.
            Assert.Contains("is unreachable", closing.Message, StringComparison.Ordinal);
            Volatile.Write(ref answering, 1);
            await client.PostJsonAsync("/api/2.0/mlflow/runs/update", new JsonObject(), CancellationToken.None);
            Volatile.Write(ref answering, 0);
            using var again = new CancellationTokenSource(TimeSpan.FromSeconds(2.5));
            var before = client.AttemptsSent;

            // Answered once, the server gets full retries again: past the 1 s winding-down cut, into the backoffs.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PostJsonAsync("/api/2.0/mlflow/runs/update", new JsonObject(), again.Token));
            Assert.Equal(1, client.AttemptsSent - before);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Theory]
    [InlineData("http://mlflow.faults-warning.test:5000", true)]
    [InlineData("https://mlflow.faults-warning-tls.test", false)]
    [InlineData("http://127.0.0.1:5000", false)]
    [InlineData("http://localhost:5000", false)]
    public void Client_CredentialsOverPlainHttpToAnotherHost_WarnOnceWithoutTheSecret(string uri, bool warns)
    {
        const string Secret = "tok-faults-warning";
        var settings = new MlflowClientSettings(new Uri(uri)) { Credentials = MlflowCredentials.Bearer(Secret) };
        var first = new ConcurrentQueue<string>();
        var second = new ConcurrentQueue<string>();

        using (new MlflowHttpClient(settings, TimeProvider.System, log: first.Enqueue))
        using (new MlflowHttpClient(settings, TimeProvider.System, log: second.Enqueue))
        {
        }

        Assert.Equal(warns ? 1 : 0, first.Count);
        Assert.Empty(second);
        Assert.All(first, line =>
        {
            Assert.Contains("plain http://", line, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Client_NoCredentialsOverPlainHttp_NoWarning()
    {
        var log = new ConcurrentQueue<string>();
        using (new MlflowHttpClient(new MlflowClientSettings(new Uri("http://mlflow.faults-anonymous.test")), TimeProvider.System, log: log.Enqueue))
        {
        }

        Assert.Empty(log);
    }

    [Fact]
    public void Options_TotalTimeoutVariable_IsReadAndChecked()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), new MlflowHttpOptions().TotalTimeout);
        var read = new MlflowHttpOptions().WithEnvironment(name => name == MlflowHttpOptions.TotalTimeoutVariable ? "30" : null);
        Assert.Equal(TimeSpan.FromSeconds(30), read.TotalTimeout);

        var bad = Assert.Throws<UsageException>(() => new MlflowHttpOptions().WithEnvironment(name => name == MlflowHttpOptions.TotalTimeoutVariable ? "soon" : null));
        Assert.Contains("MLFLOW_HTTP_REQUEST_TOTAL_TIMEOUT='soon'", bad.Message, StringComparison.Ordinal);
        var tiny = Assert.Throws<UsageException>(() => new MlflowHttpOptions().WithEnvironment(name => name == MlflowHttpOptions.TotalTimeoutVariable ? "0" : null));
        Assert.Contains("TotalTimeout", tiny.Message, StringComparison.Ordinal);
    }

    private static Func<string, bool> FirstCalls(string operation, int count)
    {
        var seen = 0;
        return op => op == operation && Interlocked.Increment(ref seen) <= count;
    }

    private static RestTrackingStore Store(Uri uri, MlflowHttpOptions? options = null)
    {
        var http = options ?? new MlflowHttpOptions { MaxRetries = 4, BackoffFactor = TimeSpan.FromMilliseconds(5), BackoffJitter = TimeSpan.Zero, RequestTimeout = TimeSpan.FromSeconds(20) };
        return new RestTrackingStore(new MlflowHttpClient(new MlflowClientSettings(uri) { Http = http }, TimeProvider.System), TimeProvider.System);
    }

    private static async Task<Run> NewRunAsync(RestTrackingStore store)
    {
        var experiment = await store.GetOrCreateExperimentAsync("faults");
        return await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "r", 1));
    }

    private static Uri RefusingUri()
    {
        // A port that was just free: connecting to it is refused at once.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
