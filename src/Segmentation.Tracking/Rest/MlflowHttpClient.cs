using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Rest;

/// <summary>HTTP transport to an MLflow tracking server: JSON calls and artifact bytes, with retries, per-attempt timeout and a circuit breaker.</summary>
/// <remarks>
/// Every request is rebuilt per attempt (a sent <see cref="HttpRequestMessage"/> cannot be resent) and its
/// body is read inside the resilience pipeline, so a connection dropped halfway through a body is retried too.
/// Nothing written to <see cref="MlflowHttpClient(MlflowClientSettings, TimeProvider, HttpMessageHandler?, Action{string}?, Func{double}?)"/>'s
/// log, nor any exception message, contains the Authorization header or URI user info.
/// </remarks>
public sealed partial class MlflowHttpClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> WarnedServers = new(StringComparer.Ordinal);

    private readonly HttpClient _http;
    private readonly string _baseUri;
    private readonly string _serverForMessages;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly ResiliencePipeline<MlflowResponse> _pipeline;
    private readonly Action<string>? _log;
    private readonly TimeProvider _timeProvider;
    private long _attempts;
    private int _windingDown;

    /// <summary>Creates a client; <paramref name="handler"/> (owned by the client) replaces the default socket handler, e.g. in tests.</summary>
    /// <param name="settings">Server URI, credentials and limits.</param>
    /// <param name="timeProvider">Clock for backoff delays, timeouts and the circuit breaker.</param>
    /// <param name="handler">Optional HTTP handler; the default honours <see cref="MlflowClientSettings.InsecureTls"/>.</param>
    /// <param name="log">Optional sink for retry and circuit events (never given secrets).</param>
    /// <param name="random">Source of uniform [0, 1) numbers for backoff jitter; <see cref="Random.Shared"/> by default.</param>
    public MlflowHttpClient(MlflowClientSettings settings, TimeProvider timeProvider, HttpMessageHandler? handler = null, Action<string>? log = null, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        settings.Http.Validate();
        Settings = settings;
        _log = log;
        _timeProvider = timeProvider;
        _baseUri = settings.TrackingUri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
        _serverForMessages = MlflowClientSettings.Redact(settings.TrackingUri);
        _authorization = settings.Credentials.ToHeader();
        _http = new HttpClient(handler ?? CreateDefaultHandler(settings), disposeHandler: true)
        {
            // The pipeline's per-attempt timeout governs; HttpClient's own would cut across retries.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        // Server logs and proxies tell our requests from MLflow's own client (which sends mlflow-python-client/<version>).
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        _pipeline = BuildPipeline(settings.Http, timeProvider, random ?? Random.Shared.NextDouble);
        WarnIfCredentialsInClear(settings, log);
    }

    /// <summary>The <c>User-Agent</c> every request carries: <c>segmentation/&lt;version&gt;</c>, the version of this assembly.</summary>
    public static string UserAgent { get; } = "segmentation/" + (
        typeof(MlflowHttpClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0");

    /// <summary>Server URI, credentials and limits this client was built with.</summary>
    public MlflowClientSettings Settings { get; }

    /// <summary>HTTP attempts sent so far, retries included.</summary>
    public long AttemptsSent => Interlocked.Read(ref _attempts);

    /// <summary>GETs <paramref name="path"/> with query parameters (repeated keys allowed) and returns the JSON body.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, IEnumerable<KeyValuePair<string, string>>? query, CancellationToken cancellationToken)
    {
        var uri = BuildUri(path, query);
        var response = await SendAsync(HttpMethod.Get, uri, path, content: null, contentType: null, retryInternalError: true, cancellationToken).ConfigureAwait(false);
        return ParseJsonOrThrow(HttpMethod.Get, path, response);
    }

    /// <summary>GETs <paramref name="path"/> and returns the body as text (<c>/version</c> answers a bare version string, not JSON).</summary>
    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        var uri = BuildUri(path, query: null);
        var response = await SendAsync(HttpMethod.Get, uri, path, content: null, contentType: null, retryInternalError: true, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw MlflowErrorTranslator.ToException(HttpMethod.Get, path, response, missingArtifact: false);
        }

        return System.Text.Encoding.UTF8.GetString(response.Body);
    }

    /// <summary>POSTs <paramref name="body"/> as <c>application/json</c> to <paramref name="path"/> and returns the JSON body.</summary>
    public Task<JsonElement> PostJsonAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>POSTs a non-idempotent create: before every re-send, <paramref name="findExisting"/> looks for what an
    /// earlier attempt may have created (its response lost); when it finds it, that is the result and nothing is re-sent.</summary>
    public async Task<JsonElement> PostJsonOnceAsync(string path, JsonNode body, Func<CancellationToken, Task<JsonElement?>> findExisting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(findExisting);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        var uri = BuildUri(path, query: null);
        var response = await SendAsync(HttpMethod.Post, uri, path, bytes, JsonMediaType, retryInternalError: true, cancellationToken, findExisting).ConfigureAwait(false);
        return ParseJsonOrThrow(HttpMethod.Post, path, response);
    }

    /// <summary>PATCHes <paramref name="body"/> as <c>application/json</c> to <paramref name="path"/> and returns the JSON body.</summary>
    public Task<JsonElement> PatchJsonAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Patch, path, body, cancellationToken);

    /// <summary>DELETEs with a JSON body (MLflow's delete endpoints take their arguments in the body).</summary>
    public Task<JsonElement> DeleteJsonAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Delete, path, body, cancellationToken);

    /// <summary>GETs raw bytes (artifact download).</summary>
    /// <remarks>MLflow 2.x answers a missing artifact with 500 INTERNAL_ERROR ("No such file or directory"): that answer is not retried and maps to a not-found error; any other 500 is retried.</remarks>
    public async Task<byte[]> GetBytesAsync(string path, IEnumerable<KeyValuePair<string, string>>? query, CancellationToken cancellationToken)
    {
        var uri = BuildUri(path, query);
        var response = await SendAsync(HttpMethod.Get, uri, path, content: null, contentType: null, retryInternalError: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw MlflowErrorTranslator.ToException(HttpMethod.Get, path, response, missingArtifact: true);
        }

        return response.Body;
    }

    /// <summary>PUTs raw bytes (artifact upload) with the given content type.</summary>
    public async Task PutBytesAsync(string path, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var uri = BuildUri(path, query: null);
        var response = await SendAsync(HttpMethod.Put, uri, path, content, new MediaTypeHeaderValue(contentType), retryInternalError: true, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw MlflowErrorTranslator.ToException(HttpMethod.Put, path, response, missingArtifact: false);
        }
    }

    /// <summary>Releases the HTTP connection pool.</summary>
    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendJsonAsync(HttpMethod method, string path, JsonNode body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        // Serialized once; every attempt sends the same bytes.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        var uri = BuildUri(path, query: null);
        var response = await SendAsync(method, uri, path, bytes, JsonMediaType, retryInternalError: true, cancellationToken).ConfigureAwait(false);
        return ParseJsonOrThrow(method, path, response);
    }

    private static JsonElement ParseJsonOrThrow(HttpMethod method, string path, MlflowResponse response)
    {
        if (!response.IsSuccess)
        {
            throw MlflowErrorTranslator.ToException(method, path, response, missingArtifact: false);
        }

        if (response.Body.Length == 0)
        {
            return EmptyObject();
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw MlflowErrorTranslator.Malformed(method, path, response, ex);
        }
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private Uri BuildUri(string path, IEnumerable<KeyValuePair<string, string>>? query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"MLflow API path '{path}' must start with '/'.", nameof(path));
        }

        var text = _baseUri + path;
        if (query is not null)
        {
            var parts = query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)).ToList();
            if (parts.Count > 0)
            {
                text += "?" + string.Join('&', parts);
            }
        }

        return new Uri(text, UriKind.Absolute);
    }

    private async Task<MlflowResponse> SendAsync(HttpMethod method, Uri uri, string path, ReadOnlyMemory<byte>? content, MediaTypeHeaderValue? contentType, bool retryInternalError, CancellationToken cancellationToken, Func<CancellationToken, Task<JsonElement?>>? findExisting = null)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryInternalErrorKey, retryInternalError);
        context.Properties.Set(OperationKey, method.Method + " " + path);
        context.Properties.Set(StartedKey, _timeProvider.GetTimestamp());
        context.Properties.Set(WindingDownKey, Volatile.Read(ref _windingDown) != 0);
        var attempts = 0;
        try
        {
            var response = await _pipeline.ExecuteAsync(
                async (ctx, _) =>
                {
                    attempts++;
                    if (attempts > 1 && findExisting is not null && await findExisting(ctx.CancellationToken).ConfigureAwait(false) is { } existing)
                    {
                        return new MlflowResponse(System.Net.HttpStatusCode.OK, "application/json", JsonSerializer.SerializeToUtf8Bytes(existing), null);
                    }

                    Interlocked.Increment(ref _attempts);
                    using var request = new HttpRequestMessage(method, uri);
                    if (_authorization is not null)
                    {
                        request.Headers.Authorization = _authorization;
                    }

                    if (content is { } bytes)
                    {
                        var body = new ReadOnlyMemoryContent(bytes);
                        body.Headers.ContentType = contentType;
                        request.Content = body;
                    }

                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken).ConfigureAwait(false);
                    var payload = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken).ConfigureAwait(false);
                    // The server answered: whatever it said, calls get their full retries again.
                    Volatile.Write(ref _windingDown, 0);
                    return new MlflowResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, payload, ReadRetryAfter(response));
                },
                context,
                state: 0).ConfigureAwait(false);
            var gaveUp = context.Properties.GetValue(GaveUpKey, false);
            if (!response.IsSuccess && IsRetryableStatus(response.Status) && !MlflowErrorTranslator.IsMissingArtifact(response) && (attempts > 1 || gaveUp))
            {
                // Every exhausted retry is "unreachable" (exit 3), a 500 that persisted through the retries too.
                var error = MlflowErrorTranslator.ToException(method, path, response, missingArtifact: false);
                throw error is TrackingUnreachableException && !gaveUp
                    ? error
                    : new TrackingUnreachableException(error.Message + GiveUpNote(attempts, gaveUp, context), (int)response.Status);
            }

            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            WindDown();
            throw;
        }
        catch (BrokenCircuitException ex)
        {
            WindDown();
            throw new TrackingUnreachableException(
                $"MLflow server {_serverForMessages} is not being called: the circuit breaker opened after repeated failures ({method.Method} {path}); it retries after {Settings.Http.CircuitBreakDuration.TotalSeconds:0.#} s.", ex);
        }
        catch (Exception ex) when (IsTransportFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            WindDown();
            throw new TrackingUnreachableException(
                GaveUp(context)
                    ? $"MLflow server {_serverForMessages} is unreachable: {method.Method} {path} failed: {Describe(ex)}{GiveUpNote(attempts, gaveUp: true, context)}"
                    : $"MLflow server {_serverForMessages} is unreachable: {method.Method} {path} failed after {attempts} attempt(s): {Describe(ex)}",
                ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// After a call gave up on the server (unreachable) or was cancelled (Ctrl-C), the calls that follow — closing runs as
    /// FAILED or KILLED, which are not cancellable — get <see cref="MlflowHttpOptions.WindingDownTimeout"/> in all, retries
    /// included, until the server answers again: stopping must take seconds, not one total deadline per run being closed.
    /// </summary>
    private void WindDown() => Volatile.Write(ref _windingDown, 1);

    private bool GaveUp(ResilienceContext context) =>
        context.Properties.GetValue(GaveUpKey, false) || Elapsed(_timeProvider, context) >= Deadline(Settings.Http, context);

    private string GiveUpNote(int attempts, bool gaveUp, ResilienceContext context) => gaveUp
        ? string.Create(CultureInfo.InvariantCulture, $" (gave up after {attempts} attempt(s) in {Elapsed(_timeProvider, context).TotalSeconds:0.#} s: the next retry would pass the {Deadline(Settings.Http, context).TotalSeconds:0.#} s deadline; raise {MlflowHttpOptions.TotalTimeoutVariable} to wait longer)")
        : string.Create(CultureInfo.InvariantCulture, $" (the retries are exhausted after {attempts} attempts; try again later or raise {MlflowHttpOptions.MaxRetriesVariable})");

    /// <summary>
    /// Warns (through the log, once per process and server) that a token or password is about to cross the network
    /// unencrypted: plain http:// to a host other than this machine.
    /// </summary>
    private static void WarnIfCredentialsInClear(MlflowClientSettings settings, Action<string>? log)
    {
        var uri = settings.TrackingUri;
        if (log is null || !settings.Credentials.IsAuthenticated || uri.Scheme != Uri.UriSchemeHttp || uri.IsLoopback)
        {
            return;
        }

        var server = MlflowClientSettings.Redact(uri);
        if (WarnedServers.TryAdd(server, 0))
        {
            log($"warning: MLflow credentials ({settings.Credentials}) are sent to {server} over plain http://, readable by anyone on the network path; use https:// for a server that is not on this machine.");
        }
    }

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && response.Headers.Date is { } now)
        {
            // Relative to the server's own Date header, so no local clock is needed.
            return date - now;
        }

        return null;
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is HttpRequestException or TimeoutRejectedException or IOException;

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutRejectedException => "the request timed out",
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => $"{error} ({ex.Message})",
        _ => ex.Message,
    };

    private static SocketsHttpHandler CreateDefaultHandler(MlflowClientSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (settings.InsecureTls)
        {
#pragma warning disable CA5359 // Opt-in through MLFLOW_TRACKING_INSECURE_TLS, as in MLflow's own client.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }
}
