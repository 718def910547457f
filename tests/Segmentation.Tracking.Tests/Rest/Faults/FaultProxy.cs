using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Segmentation.Tracking.Tests.Rest.Support;

namespace Segmentation.Tracking.Tests.Rest.Faults;

/// <summary>
/// A fault-injecting HTTP proxy on 127.0.0.1 in front of an MLflow server (the loopback emulator in tests): each request
/// is, with probability <see cref="FaultRate"/> (drawn from a seeded generator), answered with one <see cref="FaultKind"/>
/// instead of being passed through unharmed.
/// </summary>
/// <remarks>
/// Raw sockets, not HttpListener, because two faults need what HttpListener cannot do: reset the connection (an RST, by
/// closing with a zero linger) and drop it after the server has acted, without any answer. One request per connection
/// (<c>Connection: close</c>). The faults are the ones a real deployment shows (issue 11): a rate limiter's 429 with
/// Retry-After, a failing or restarting server's 500/503, a reset before the request arrives, a response lost after
/// the server acted (the reason creates must be idempotent), and a response slower than the client's attempt timeout.
/// </remarks>
public sealed class FaultProxy : RawHttpServer
{
    private static readonly FaultKind[] Kinds = Enum.GetValues<FaultKind>().Where(k => k != FaultKind.None).ToArray();
    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private readonly ConcurrentDictionary<FaultKind, int> _injected = new();
    private int _requests;

    /// <summary>Starts a proxy to <paramref name="target"/> that faults <paramref name="faultRate"/> of the requests, seeded by <paramref name="seed"/>.</summary>
    public FaultProxy(Uri target, double faultRate, int seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(faultRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(faultRate, 1);
        _target = target;
        FaultRate = faultRate;
        _random = new Random(seed);
        _upstream = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        Start();
    }

    /// <summary>Share of requests that get a fault.</summary>
    public double FaultRate { get; }

    /// <summary>The kinds drawn from (uniformly) when a request is faulted; all of them by default.</summary>
    public IReadOnlyList<FaultKind> Faults { get; init; } = Kinds;

    /// <summary>Which requests (method and path, e.g. <c>POST /api/2.0/mlflow/runs/create</c>) may be faulted; all by default.</summary>
    public Func<string, bool> Applies { get; init; } = _ => true;

    /// <summary>
    /// Which requests may be faulted, by operation and body (UTF-8 JSON): a fault aimed at one run's calls. When set it
    /// replaces <see cref="Applies"/>; null by default.
    /// </summary>
    public Func<string, string, bool>? AppliesToBody { get; init; }

    /// <summary>How long a <see cref="FaultKind.SlowResponse"/> holds the answer; set it above the client's attempt timeout.</summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The Retry-After a <see cref="FaultKind.TooManyRequests"/> answer carries, in whole seconds.</summary>
    public int RetryAfterSeconds { get; init; }

    /// <summary>Requests received.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<FaultKind, int> Injected => _injected.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Faults injected so far, all kinds.</summary>
    public int InjectedTotal => _injected.Values.Sum();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _upstream.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override async Task ServeAsync(Socket socket)
    {
        try
        {
            using (socket)
            await using (var stream = new NetworkStream(socket, ownsSocket: false))
            {
                var request = await ReadRequestAsync(stream).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                var fault = Draw(request.Method + " " + request.Path, request.Body);
                switch (fault)
                {
                    case FaultKind.TooManyRequests:
                        await WriteAsync(stream, 429, "application/json", """{"error_code":"RESOURCE_EXHAUSTED","message":"injected: too many requests"}"""u8.ToArray(), RetryAfterSeconds).ConfigureAwait(false);
                        return;
                    case FaultKind.InternalError:
                        await WriteAsync(stream, 500, "application/json", """{"error_code":"INTERNAL_ERROR","message":"injected: internal error"}"""u8.ToArray()).ConfigureAwait(false);
                        return;
                    case FaultKind.Unavailable:
                        await WriteAsync(stream, 503, "text/html", "<html><body>injected: 503 Service Unavailable</body></html>"u8.ToArray()).ConfigureAwait(false);
                        return;
                    case FaultKind.ConnectionReset:
                        Reset(socket);
                        return;
                }

                var (status, contentType, body) = await ForwardAsync(request).ConfigureAwait(false);
                if (fault == FaultKind.DroppedAfterServerActed)
                {
                    Reset(socket);
                    return;
                }

                if (fault == FaultKind.SlowResponse)
                {
                    await Task.Delay(SlowDelay, Stopping).ConfigureAwait(false);
                }

                await WriteAsync(stream, status, contentType, body).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or HttpRequestException)
        {
            // The client gave up on this connection (its attempt timed out) or the proxy is stopping.
        }
    }

    private FaultKind Draw(string operation, byte[] body)
    {
        FaultKind fault;
        lock (_randomGate)
        {
            // Both draws happen for every request, so the sequence of decisions depends on the seed and the request order only.
            var hit = _random.NextDouble() < FaultRate;
            var kind = Faults[_random.Next(Faults.Count)];
            fault = hit && (AppliesToBody is { } byBody ? byBody(operation, Encoding.UTF8.GetString(body)) : Applies(operation)) ? kind : FaultKind.None;
        }

        if (fault != FaultKind.None)
        {
            _injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
        }

        return fault;
    }

    private async Task<(int Status, string? ContentType, byte[] Body)> ForwardAsync(RawHttpRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, request.Target));
        if (request.Body.Length > 0 || request.ContentType is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        using var response = await _upstream.SendAsync(message, Stopping).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(Stopping).ConfigureAwait(false);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
    }
}
