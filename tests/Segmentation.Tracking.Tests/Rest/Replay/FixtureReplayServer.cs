using System.Net;
using System.Text;
using System.Text.Json;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Tests.Rest.Support;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>
/// Loopback server that expects the given recorded exchanges in order: each request must match the recorded
/// method, path, query and JSON body (tag lists as sets, our client-request-id tag ignored), every JSON request
/// must carry <c>Content-Type: application/json</c>, and the recorded response is sent back.
/// </summary>
public sealed class FixtureReplayServer : IDisposable
{
    private readonly Queue<ReplayStep> _expected;
    private readonly List<string> _problems = [];
    private readonly LoopbackHttpServer _server;
    private readonly object _gate = new();
    private int _received;

    /// <summary>Starts a server expecting <paramref name="steps"/> in order.</summary>
    public FixtureReplayServer(params ReplayStep[] steps)
    {
        _expected = new Queue<ReplayStep>(steps);
        _server = new LoopbackHttpServer(HandleAsync);
    }

    /// <summary>Base URI of the server.</summary>
    public Uri BaseUri => _server.BaseUri;

    /// <summary>Requests received so far.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>A store over this server with no retries and a fake clock, so error fixtures answer at once.</summary>
    public RestTrackingStore CreateStore(MlflowHttpOptions? options = null) =>
        new(new MlflowHttpClient(new MlflowClientSettings(BaseUri) { Http = TestOptions.OnFakeClock(options) }, new AutoAdvancingTimeProvider()), TimeProvider.System);

    /// <summary>A bare transport over this server (no retries).</summary>
    public MlflowHttpClient CreateClient() =>
        new(new MlflowClientSettings(BaseUri) { Http = TestOptions.OnFakeClock() }, new AutoAdvancingTimeProvider());

    /// <summary>Fails the test unless every expected exchange happened and matched.</summary>
    public void AssertAllMatched()
    {
        lock (_gate)
        {
            var problems = new List<string>(_problems);
            problems.AddRange(_expected.Select(s => $"{s.Fixture.Name}: expected request never arrived"));
            Assert.True(problems.Count == 0, "replay mismatches:\n" + string.Join('\n', problems));
        }
    }

    /// <summary>Stops the server.</summary>
    public void Dispose() => _server.Dispose();

    private async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _received);
        var body = await LoopbackHttpServer.ReadBodyAsync(context.Request).ConfigureAwait(false);
        ReplayStep? step;
        lock (_gate)
        {
            _expected.TryDequeue(out step);
            if (step is null)
            {
                _problems.Add($"unexpected request {context.Request.HttpMethod} {context.Request.Url?.AbsolutePath}");
            }
            else
            {
                _problems.AddRange(Compare(step, context.Request, body).Select(p => $"{step.Fixture.Name}: {p}"));
            }
        }

        if (step is null)
        {
            await LoopbackHttpServer.RespondAsync(context.Response, 599, "text/plain", Encoding.UTF8.GetBytes("no more recorded exchanges")).ConfigureAwait(false);
            return;
        }

        var fixture = step.Fixture;
        await LoopbackHttpServer.RespondAsync(context.Response, fixture.Status, fixture.ResponseContentType, fixture.ResponseBytes()).ConfigureAwait(false);
    }

    private static List<string> Compare(ReplayStep step, HttpListenerRequest request, byte[] body)
    {
        var problems = new List<string>();
        var fixture = step.Fixture;
        if (request.HttpMethod != fixture.Method)
        {
            problems.Add($"method {request.HttpMethod}, recorded {fixture.Method}");
        }

        var path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
        if (path != fixture.Path)
        {
            problems.Add($"path {path}, recorded {fixture.Path}");
        }

        var expected = step.ExpectedRequest;
        if (fixture.Method == "GET")
        {
            problems.AddRange(CompareQuery(expected, request.Url.Query, step.IgnoredExtraFields));
            return problems;
        }

        var contentType = request.ContentType;
        if (fixture.Method == "PUT")
        {
            if (contentType != fixture.RequestContentType)
            {
                problems.Add($"content type '{contentType}', recorded '{fixture.RequestContentType}'");
            }

            if (Encoding.UTF8.GetString(body) != expected.GetString())
            {
                problems.Add("uploaded bytes differ from the recording");
            }

            return problems;
        }

        // MLflow refuses JSON sent without this exact media type (fixtures 63, 64).
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            problems.Add($"content type '{contentType}', MLflow requires application/json");
        }

        JsonElement actual;
        try
        {
            using var document = JsonDocument.Parse(body);
            actual = Normalise(document.RootElement, step.IgnoredExtraFields);
        }
        catch (JsonException ex)
        {
            problems.Add("request body is not JSON: " + ex.Message);
            return problems;
        }

        problems.AddRange(JsonShape.ValueDifferences(expected, actual));
        return problems;
    }

    private static IEnumerable<string> CompareQuery(JsonElement expected, string query, IReadOnlySet<string> ignored)
    {
        var actual = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!actual.TryGetValue(key, out var list))
            {
                actual[key] = list = [];
            }

            list.Add(value);
        }

        var recorded = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (expected.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in expected.EnumerateObject())
            {
                recorded[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                    ? p.Value.EnumerateArray().Select(Text).ToList()
                    : [Text(p.Value)];
            }
        }

        foreach (var key in recorded.Keys.Union(actual.Keys))
        {
            var r = recorded.GetValueOrDefault(key);
            var a = actual.GetValueOrDefault(key);
            if (r is null && ignored.Contains(key))
            {
                continue;
            }

            if (r is null || a is null || !r.SequenceEqual(a))
            {
                yield return $"query '{key}' = [{string.Join(", ", a ?? [])}], recorded [{string.Join(", ", r ?? [])}]";
            }
        }
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    /// <summary>Drops what our client adds on purpose: the client-request-id tag and fields the step allows as extra.</summary>
    private static JsonElement Normalise(JsonElement body, IReadOnlySet<string> ignored)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
        foreach (var name in ignored)
        {
            node.Remove(name);
        }

        if (node["tags"] is System.Text.Json.Nodes.JsonArray tags)
        {
            foreach (var tag in tags.Where(t => (string?)t?["key"] == RestTrackingStore.ClientRequestIdTag).ToList())
            {
                tags.Remove(tag);
            }

            // A model-versions/create without caller tags carries only the request id: MLflow's client sends no list then.
            if (tags.Count == 0)
            {
                node.Remove("tags");
            }
        }

        return JsonSerializer.SerializeToElement(node);
    }
}
