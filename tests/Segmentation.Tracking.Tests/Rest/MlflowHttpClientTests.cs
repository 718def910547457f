using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tests.Rest.Support;

namespace Segmentation.Tracking.Tests.Rest;

/// <summary>Resilience of the transport against a loopback server that fails a set number of times, on a fake clock.</summary>
public sealed class MlflowHttpClientTests
{
    private static readonly byte[] EmptyJson = Encoding.UTF8.GetBytes("{}");

    [Fact]
    public async Task PostJson_503ThenSuccess_RetriesWithMlflowBackoffSchedule()
    {
        var attempts = 0;
        using var server = new LoopbackHttpServer(ctx => Interlocked.Increment(ref attempts) <= 3
            ? LoopbackHttpServer.RespondAsync(ctx.Response, 503, "text/html", Encoding.UTF8.GetBytes("<h1>busy</h1>"))
            : LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", EmptyJson));
        var clock = new AutoAdvancingTimeProvider();
        using var client = CreateClient(server, clock, new MlflowHttpOptions(), random: () => 0.5);

        await client.PostJsonAsync("/api/2.0/mlflow/runs/log-batch", new JsonObject { ["run_id"] = "r" }, CancellationToken.None);

        Assert.Equal(4, attempts);
        Assert.Equal(4, client.AttemptsSent);
        // urllib3 as MLflow configures it: first retry immediate, then factor·2^(n-1) + jitter (2·2+0.5, 2·4+0.5).
        Assert.Equal([TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(8.5)], clock.FiredDelays);
    }

    [Fact]
    public async Task GetJson_429WithRetryAfter_WaitsWhatTheServerAsked()
    {
        var attempts = 0;
        using var server = new LoopbackHttpServer(ctx => Interlocked.Increment(ref attempts) switch
        {
            1 => LoopbackHttpServer.RespondAsync(ctx.Response, 429, "application/json", Encoding.UTF8.GetBytes("""{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}"""), new Dictionary<string, string> { ["Retry-After"] = "7" }),
            2 => LoopbackHttpServer.RespondAsync(ctx.Response, 429, "application/json", EmptyJson, new Dictionary<string, string> { ["Retry-After"] = "3" }),
            _ => LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", Encoding.UTF8.GetBytes("""{"experiment":{"experiment_id":"1","name":"e"}}""")),
        });
        var clock = new AutoAdvancingTimeProvider();
        using var client = CreateClient(server, clock, new MlflowHttpOptions());

        var json = await client.GetJsonAsync("/api/2.0/mlflow/experiments/get", [new("experiment_id", "1")], CancellationToken.None);

        Assert.Equal(3, attempts);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3)], clock.FiredDelays);
        Assert.Equal("1", json.GetProperty("experiment").GetProperty("experiment_id").GetString());
    }

    [Fact]
    public async Task GetJson_ConnectionDroppedTwice_RetriesAndSucceeds()
    {
        var attempts = 0;
        using var server = new DroppingHttpServer((_, _, _) => Interlocked.Increment(ref attempts) <= 2 ? null : (200, "{}"));
        var settings = new MlflowClientSettings(server.BaseUri) { Http = TestOptions.OnFakeClock(new MlflowHttpOptions()) };
        using var client = new MlflowHttpClient(settings, new AutoAdvancingTimeProvider());

        await client.GetJsonAsync("/api/2.0/mlflow/experiments/get", [new("experiment_id", "1")], CancellationToken.None);

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task GetJson_AlwaysFailing503_ThrowsAfterMaxRetriesWithStatus()
    {
        var attempts = 0;
        using var server = new LoopbackHttpServer(ctx =>
        {
            Interlocked.Increment(ref attempts);
            return LoopbackHttpServer.RespondAsync(ctx.Response, 503, "text/plain", Encoding.UTF8.GetBytes("maintenance"));
        });
        using var client = CreateClient(server, new AutoAdvancingTimeProvider(), new MlflowHttpOptions { MaxRetries = 2 });

        var error = await Assert.ThrowsAsync<TrackingUnreachableException>(() => client.GetJsonAsync("/api/2.0/mlflow/runs/get", [new("run_id", "r")], CancellationToken.None));

        Assert.Equal(3, attempts);
        Assert.Equal(503, error.HttpStatus);
        Assert.Contains("maintenance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJson_429UntilRetriesRunOut_UnreachableSoTheExitCodeIs3()
    {
        // Regression: exhausted 429 retries surfaced as a plain MLflow error (exit 2) instead of "unreachable" (exit 3).
        using var server = new LoopbackHttpServer(ctx => LoopbackHttpServer.RespondAsync(
            ctx.Response, 429, "application/json", Encoding.UTF8.GetBytes("""{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}"""), new Dictionary<string, string> { ["Retry-After"] = "1" }));
        using var client = CreateClient(server, new AutoAdvancingTimeProvider(), new MlflowHttpOptions { MaxRetries = 2 });

        var error = await Assert.ThrowsAsync<TrackingUnreachableException>(() => client.GetJsonAsync("/api/2.0/mlflow/runs/get", [new("run_id", "r")], CancellationToken.None));

        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(Segmentation.Core.Errors.ErrorKind.TrackingUnreachable, error.Kind);
        Assert.Contains("REQUEST_LIMIT_EXCEEDED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJson_EmptyErrorBody_ReportsStatusAndEmptyBody()
    {
        using var server = new LoopbackHttpServer(ctx => LoopbackHttpServer.RespondAsync(ctx.Response, 502, null, []));
        using var client = CreateClient(server, new AutoAdvancingTimeProvider(), new MlflowHttpOptions { MaxRetries = 1 });

        var error = await Assert.ThrowsAnyAsync<MlflowException>(() => client.GetJsonAsync("/api/2.0/mlflow/runs/get", null, CancellationToken.None));

        Assert.Equal(502, error.HttpStatus);
        Assert.Contains("empty response body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJson_400_IsNotRetried()
    {
        var attempts = 0;
        using var server = new LoopbackHttpServer(ctx =>
        {
            Interlocked.Increment(ref attempts);
            return LoopbackHttpServer.RespondAsync(ctx.Response, 400, "application/json", Encoding.UTF8.GetBytes("""{"error_code":"INVALID_PARAMETER_VALUE","message":"bad"}"""));
        });
        using var client = CreateClient(server, new AutoAdvancingTimeProvider(), new MlflowHttpOptions());

        await Assert.ThrowsAsync<InvalidParameterException>(() => client.GetJsonAsync("/api/2.0/mlflow/runs/get", null, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task GetJson_ConnectionRefused_ThrowsTrackingUnreachableAfterRetries()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var settings = new MlflowClientSettings(new Uri($"http://127.0.0.1:{port}")) { Http = TestOptions.OnFakeClock(new MlflowHttpOptions { MaxRetries = 2 }) };
        using var client = new MlflowHttpClient(settings, new AutoAdvancingTimeProvider());

        var error = await Assert.ThrowsAsync<TrackingUnreachableException>(() => client.GetJsonAsync("/api/2.0/mlflow/experiments/get", null, CancellationToken.None));

        Assert.Equal(3, client.AttemptsSent);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJson_UnknownHost_ThrowsTrackingUnreachable()
    {
        var settings = new MlflowClientSettings(new Uri("http://no-such-host.invalid:5000")) { Http = TestOptions.OnFakeClock() };
        using var client = new MlflowHttpClient(settings, new AutoAdvancingTimeProvider());

        await Assert.ThrowsAsync<TrackingUnreachableException>(() => client.GetJsonAsync("/api/2.0/mlflow/experiments/get", null, CancellationToken.None));
    }

    [Fact]
    public async Task GetJson_AttemptExceedsTimeout_RetriesThenSucceeds()
    {
        var attempts = 0;
        using var server = new LoopbackHttpServer(async ctx =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
                ctx.Response.Abort();
                return;
            }

            await LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", EmptyJson);
        });
        // Real clock and a short attempt timeout: the first attempt hangs and is abandoned after 1 s.
        var settings = new MlflowClientSettings(server.BaseUri) { Http = new MlflowHttpOptions { MaxRetries = 1, RequestTimeout = TimeSpan.FromSeconds(1) } };
        using var client = new MlflowHttpClient(settings, TimeProvider.System);

        await client.GetJsonAsync("/api/2.0/mlflow/experiments/get", null, CancellationToken.None);

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Calls_RepeatedFailures_OpenTheCircuitAndFailFastWithoutSending()
    {
        var attempts = 0;
        using var server = new LoopbackHttpServer(ctx =>
        {
            Interlocked.Increment(ref attempts);
            return LoopbackHttpServer.RespondAsync(ctx.Response, 502, "text/plain", Encoding.UTF8.GetBytes("bad gateway"));
        });
        var options = new MlflowHttpOptions { MaxRetries = 0, CircuitMinimumThroughput = 3, CircuitFailureRatio = 0.5, CircuitBreakDuration = TimeSpan.FromSeconds(30) };
        var clock = new AutoAdvancingTimeProvider();
        var log = new ConcurrentQueue<string>();
        using var client = CreateClient(server, clock, options, log: log.Enqueue);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAnyAsync<MlflowException>(() => client.GetJsonAsync("/api/2.0/mlflow/runs/get", null, CancellationToken.None));
        }

        var open = await Assert.ThrowsAsync<TrackingUnreachableException>(() => client.GetJsonAsync("/api/2.0/mlflow/runs/get", null, CancellationToken.None));

        Assert.Equal(3, attempts);
        Assert.Contains("circuit breaker", open.Message, StringComparison.Ordinal);
        Assert.Contains(log, line => line.Contains("circuit opened", StringComparison.Ordinal));

        // After the break the circuit lets a probe through again.
        clock.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAnyAsync<MlflowException>(() => client.GetJsonAsync("/api/2.0/mlflow/runs/get", null, CancellationToken.None));
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task Requests_AnyMethod_SendSegmentationUserAgentWithTheToolVersion()
    {
        var agents = new ConcurrentQueue<string?>();
        using var server = new LoopbackHttpServer(ctx =>
        {
            agents.Enqueue(ctx.Request.UserAgent);
            return LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", EmptyJson);
        });
        var settings = new MlflowClientSettings(server.BaseUri) with { Http = TestOptions.OnFakeClock(new MlflowHttpOptions()) };
        using var client = new MlflowHttpClient(settings, new AutoAdvancingTimeProvider());

        await client.GetJsonAsync("/api/2.0/mlflow/experiments/get", [new("experiment_id", "1")], CancellationToken.None);
        await client.PostJsonAsync("/api/2.0/mlflow/runs/create", new JsonObject(), CancellationToken.None);
        await client.PutBytesAsync("/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/x.txt", new byte[] { 1 }, "text/plain", CancellationToken.None);

        Assert.Equal(3, agents.Count);
        Assert.All(agents, agent => Assert.Equal(MlflowHttpClient.UserAgent, agent));
        Assert.Matches(@"^segmentation/\d+\.\d+\.\d+", MlflowHttpClient.UserAgent);
    }

    [Fact]
    public async Task Requests_WithToken_SendBearerHeaderButNeverLogOrReportTheSecret()
    {
        const string Secret = "s3cr3t-token-value";
        var headers = new ConcurrentQueue<string?>();
        var attempts = 0;
        using var server = new LoopbackHttpServer(ctx =>
        {
            headers.Enqueue(ctx.Request.Headers["Authorization"]);
            return Interlocked.Increment(ref attempts) == 1
                ? LoopbackHttpServer.RespondAsync(ctx.Response, 500, "text/plain", Encoding.UTF8.GetBytes("oops"))
                : LoopbackHttpServer.RespondAsync(ctx.Response, 403, "application/json", Encoding.UTF8.GetBytes("""{"error_code":"PERMISSION_DENIED","message":"no access"}"""));
        });
        var environment = new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = server.BaseUri.ToString(), ["MLFLOW_TRACKING_TOKEN"] = Secret };
        var settings = MlflowClientSettings.FromEnvironment(environment.GetValueOrDefault) with { Http = TestOptions.OnFakeClock(new MlflowHttpOptions { MaxRetries = 1 }) };
        var log = new ConcurrentQueue<string>();
        using var client = new MlflowHttpClient(settings, new AutoAdvancingTimeProvider(), log: log.Enqueue);

        var error = await Assert.ThrowsAsync<MlflowException>(() => client.PostJsonAsync("/api/2.0/mlflow/runs/create", new JsonObject(), CancellationToken.None));

        Assert.All(headers, h => Assert.Equal("Bearer " + Secret, h));
        Assert.Equal("PERMISSION_DENIED", error.ErrorCode);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, settings.Credentials.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(log);
        Assert.All(log, line => Assert.DoesNotContain(Secret, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_WithBasicCredentials_SendBasicHeaderAndHideThePassword()
    {
        const string Password = "pa55-word!";
        string? header = null;
        using var server = new LoopbackHttpServer(ctx =>
        {
            header = ctx.Request.Headers["Authorization"];
            return LoopbackHttpServer.RespondAsync(ctx.Response, 401, "text/html", Encoding.UTF8.GetBytes("<p>You are not authenticated</p>"));
        });
        var environment = new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_URI"] = server.BaseUri.ToString(),
            ["MLFLOW_TRACKING_USERNAME"] = "alice",
            ["MLFLOW_TRACKING_PASSWORD"] = Password,
        };
        var settings = MlflowClientSettings.FromEnvironment(environment.GetValueOrDefault) with { Http = TestOptions.OnFakeClock() };
        using var client = new MlflowHttpClient(settings, new AutoAdvancingTimeProvider());

        var error = await Assert.ThrowsAsync<MlflowException>(() => client.GetJsonAsync("/api/2.0/mlflow/experiments/get", null, CancellationToken.None));

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Password)), header);
        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("not authenticated", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRun_ResponseLostAfterServerCreatedIt_FindsTheRunInsteadOfCreatingADuplicate()
    {
        // The server creates the run, then the connection drops before the answer: the retry must not create a second run.
        var created = new ConcurrentDictionary<string, string>();
        var creates = 0;
        var searches = 0;
        using var server = new DroppingHttpServer((_, path, raw) =>
        {
            var body = JsonNode.Parse(raw)!;
            if (path.EndsWith("/runs/create", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref creates);
                var requestId = body["tags"]!.AsArray().Single(t => (string?)t!["key"] == RestTrackingStore.ClientRequestIdTag)!["value"]!.GetValue<string>();
                created[requestId] = "run-" + created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return null;
            }

            Interlocked.Increment(ref searches);
            var filter = body["filter"]!.GetValue<string>();
            var match = created.FirstOrDefault(p => filter.Contains(p.Key, StringComparison.Ordinal));
            var runs = match.Key is null ? "" : $$$"""
                "runs": [{"info": {"run_id": "{{{match.Value}}}", "experiment_id": "1", "run_name": "trial", "status": "RUNNING", "start_time": 1700000000000,
                "artifact_uri": "mlflow-artifacts:/1/{{{match.Value}}}/artifacts", "lifecycle_stage": "active"},
                "data": {"tags": [{"key": "{{{RestTrackingStore.ClientRequestIdTag}}}", "value": "{{{match.Key}}}"}]}, "inputs": {}}]
                """;
            return (200, "{" + runs + "}");
        });
        var settings = new MlflowClientSettings(server.BaseUri) { Http = TestOptions.OnFakeClock(new MlflowHttpOptions()) };
        using var store = new RestTrackingStore(new MlflowHttpClient(settings, new AutoAdvancingTimeProvider()), TimeProvider.System);

        var run = await store.CreateRunAsync(new CreateRunRequest("1", "trial", 1700000000000));

        Assert.Equal(1, creates);
        Assert.Equal(1, searches);
        Assert.Single(created);
        Assert.Equal("run-0", run.Info.RunId);
        Assert.Equal("trial", run.Info.RunName);
    }

    [Fact]
    public async Task CreateRun_FirstAttemptRejectedBeforeCreating_SearchesThenCreatesOnce()
    {
        var creates = 0;
        var searches = 0;
        using var server = new LoopbackHttpServer(async ctx =>
        {
            await LoopbackHttpServer.ReadBodyAsync(ctx.Request);
            if (ctx.Request.Url!.AbsolutePath.EndsWith("/runs/search", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref searches);
                await LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", EmptyJson);
                return;
            }

            if (Interlocked.Increment(ref creates) == 1)
            {
                await LoopbackHttpServer.RespondAsync(ctx.Response, 503, "text/plain", Encoding.UTF8.GetBytes("starting up"));
                return;
            }

            await LoopbackHttpServer.RespondAsync(ctx.Response, 200, "application/json", Encoding.UTF8.GetBytes("""
                {"run": {"info": {"run_id": "abc", "experiment_id": "1", "run_name": "t", "status": "RUNNING", "start_time": 1, "artifact_uri": "mlflow-artifacts:/1/abc/artifacts", "lifecycle_stage": "active"}, "data": {}}}
                """));
        });
        using var store = new RestTrackingStore(CreateClient(server, new AutoAdvancingTimeProvider(), new MlflowHttpOptions()), TimeProvider.System);

        var run = await store.CreateRunAsync(new CreateRunRequest("1", "t", 1));

        Assert.Equal(2, creates);
        Assert.Equal(1, searches);
        Assert.Equal("abc", run.Info.RunId);
    }

    private static MlflowHttpClient CreateClient(LoopbackHttpServer server, TimeProvider clock, MlflowHttpOptions options, Func<double>? random = null, Action<string>? log = null) =>
        new(new MlflowClientSettings(server.BaseUri) { Http = TestOptions.OnFakeClock(options) }, clock, log: log, random: random);
}
