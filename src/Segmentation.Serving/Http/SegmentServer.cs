using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Segmentation.Serving.Models;
using Segmentation.Serving.Scoring;

namespace Segmentation.Serving.Http;

/// <summary>
/// <c>segment serve</c>'s HTTP server: Kestrel with minimal-API routes scoring customers with the held model, health and
/// readiness probes, the model's description and an OpenAPI document generated from the same route table.
/// </summary>
public sealed class SegmentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServeOptions _options;
    private readonly ModelHolder _holder;
    private readonly ModelReloader? _reloader;
    private readonly ModelReference? _reference;
    private readonly TextWriter _log;
    private readonly byte[]? _token;
    private readonly CancellationTokenSource _stopping = new();
    private Task _reloading = Task.CompletedTask;
    private int _disposed;

    private SegmentServer(ServeOptions options, ModelHolder holder, ModelReference? reference, ModelReloader? reloader, TextWriter log)
    {
        _options = options;
        _holder = holder;
        _reference = reference;
        _reloader = reloader;
        _log = TextWriter.Synchronized(log);
        _token = string.IsNullOrEmpty(options.BearerToken) ? null : Encoding.UTF8.GetBytes(options.BearerToken);
        Endpoints = BuildEndpoints();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        builder.Services.AddSingleton(holder.Clock);
        // SIGTERM and Ctrl-C stop the host; in-flight requests get this long to finish.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        _app = builder.Build();
        _app.Use(LogAsync);
        _app.Use(GuardAsync);
        foreach (var endpoint in Endpoints)
        {
            _app.MapMethods(endpoint.Path, [endpoint.Method], endpoint.Handler).WithName(endpoint.OperationId);
        }
    }

    /// <summary>The routes served, which the OpenAPI document describes.</summary>
    public IReadOnlyList<ServeEndpoint> Endpoints { get; }

    /// <summary>The addresses listened on, once started (port 0 resolved).</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. (_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new Uri(a))];

    /// <summary>Creates a server for <paramref name="holder"/>'s model; <paramref name="reloader"/> (optional) follows its alias.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="holder">The served model.</param>
    /// <param name="reference">The reference served, for <c>GET /v1/model</c>'s alias.</param>
    /// <param name="reloader">Follows the reference; null to serve one version.</param>
    /// <param name="log">Request log (method, path, status, time; never a body).</param>
    public static SegmentServer Create(ServeOptions options, ModelHolder holder, ModelReference? reference, ModelReloader? reloader, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        return new SegmentServer(options, holder, reference, reloader, log);
    }

    /// <summary>Starts listening and, with a reloader, following the alias.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        if (_reloader is not null)
        {
            _reloading = _reloader.RunAsync(_stopping.Token);
        }
    }

    /// <summary>Waits until the host is told to stop (SIGTERM, Ctrl-C, or <paramref name="cancellationToken"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops accepting, lets in-flight requests finish, and ends the reload loop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reloading.ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _reloading.ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private List<ServeEndpoint> BuildEndpoints() =>
    [
        new("POST", "/v1/segments", "scoreCustomers", "Segment and score a batch of customers (feature rows or raw transactions), in request order",
            "ScoreRequest", [(200, "Segments in request order", "ScoreResponse"), (400, "Bad input; the problem names the field", "Problem"),
                (401, "Missing or wrong bearer token", "Problem"), (413, "Body or batch over the limits", "Problem")], true, ScoreAsync),
        new("GET", "/v1/model", "getModel", "The served model: identity, features in order, segments with their training profile",
            null, [(200, "The model", "ModelInfo"), (401, "Missing or wrong bearer token", "Problem")], true, ModelAsync),
        new("GET", "/v1/segments/{id}/products", "getSegmentProducts", "The segment's top products by lift, with their exact support counts",
            null, [(200, "The segment's products by rank", "SegmentProducts"), (401, "Missing or wrong bearer token", "Problem"),
                (404, "No such segment, or the model records no products", "Problem")], true, ProductsAsync),
        new("GET", "/healthz", "health", "Liveness: the process answers", null, [(200, "Alive", "Health")], false, HealthAsync),
        new("GET", "/readyz", "ready", "Readiness: a model is loaded; reports the last alias reload and its error", null, [(200, "Serving", "Ready")], false, ReadyAsync),
        new("GET", "/openapi.json", "openapi", "This OpenAPI 3.1 document", null, [(200, "The document", null)], false, OpenApiAsync),
    ];

    private async Task ScoreAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            // Also NaN and Infinity, which are not JSON numbers.
            throw new RequestProblemException(400, string.Empty, $"the body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): NaN and Infinity are not JSON numbers");
        }

        using (document)
        {
            // One read of the holder: the whole request scores with this model even if a reload swaps it meanwhile.
            var served = _holder.Current;
            var request = ScoreRequestReader.Read(document.RootElement, served.Model, _options.MaxBatch, context.RequestAborted);
            var result = Predictor.Score(served.Model, request.Batch, _holder.Clock);
            context.Items[CountKey] = request.Order.Count;
            await ServeJson.WriteAsync(context, 200, w => ServeJson.Scores(w, served, request, result)).ConfigureAwait(false);
        }
    }

    private Task ModelAsync(HttpContext context) =>
        ServeJson.WriteAsync(context, 200, w => ServeJson.Model(w, _holder.Current, Alias(_holder.Current)));

    private Task ProductsAsync(HttpContext context)
    {
        var served = _holder.Current;
        var text = context.Request.RouteValues["id"] as string;
        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id)
            || !served.Segments.Any(s => s.Segment == id))
        {
            var known = string.Join(", ", served.Segments.Select(s => s.Segment.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            throw new RequestProblemException(404, "id", $"no segment '{text}' in the served model (its segments: {known})");
        }

        if (served.Products is not { Rows: not null } products)
        {
            throw new RequestProblemException(404, string.Empty, served.Products?.Problem ?? "the served model records no products per segment");
        }

        return ServeJson.WriteAsync(context, 200, w => ServeJson.SegmentProducts(w, served, id, products.For(id)));
    }

    private static Task HealthAsync(HttpContext context) =>
        ServeJson.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "ok");
            w.WriteEndObject();
        });

    private Task ReadyAsync(HttpContext context)
    {
        var served = _holder.Current;
        var reload = _holder.LastReload;
        return ServeJson.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            // Still ready after a failed reload: the old model keeps answering correctly, so traffic should keep coming.
            w.WriteString("status", reload is { Succeeded: false } ? "degraded" : "ready");
            ServeJson.Identity(w, served);
            w.WriteString("loaded_at", served.LoadedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteBoolean("follows_alias", _reloader is not null);
            if (reload is null)
            {
                w.WriteNull("last_reload");
            }
            else
            {
                w.WriteStartObject("last_reload");
                w.WriteString("at", reload.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteBoolean("succeeded", reload.Succeeded);
                w.WriteString("version", reload.Version);
                w.WriteString("error", reload.Error);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    }

    private Task OpenApiAsync(HttpContext context) =>
        ServeJson.WriteAsync(context, 200, w => ServeJson.Node(w, OpenApiDocument.Build(Endpoints, _options, _token is not null)));

    private string? Alias(ServedModel served) =>
        _reference is { Kind: ModelReferenceKind.Alias or ModelReferenceKind.Stage } r && served.Model.Identity.Name is not null ? r.Selector : null;

    private const string CountKey = "segment.count";

    // One line per request: method, path, status, customers, time. Never a body or query string: they hold customer data.
    private async Task LogAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var count = context.Items.TryGetValue(CountKey, out var n) ? $" customers={n}" : string.Empty;
            await _log.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{_holder.Clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {context.Request.Method} {context.Request.Path} {context.Response.StatusCode}{count} {elapsed:0.0}ms")).ConfigureAwait(false);
        }
    }

    // Authentication, then user-facing failures as problems; anything else is a 500 problem without internals.
    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        if (_token is not null && context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal) && !Authorized(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ServeJson.ProblemAsync(context, 401, $"send 'Authorization: Bearer TOKEN' with the token of {ServeOptions.TokenVariable}").ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (RequestProblemException ex) when (!context.Response.HasStarted)
        {
            await ServeJson.ProblemAsync(context, ex.Status, ex.Detail, ex.Field).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var detail = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the body is over the limit of {_options.MaxBodyBytes} bytes (split the batch)"
                : ex.Message;
            await ServeJson.ProblemAsync(context, ex.StatusCode, detail).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            await _log.WriteLineAsync($"error: {context.Request.Method} {context.Request.Path}: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            await ServeJson.ProblemAsync(context, 500, "the server failed to answer; see its log").ConfigureAwait(false);
        }
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Constant-time: the comparison must not tell an attacker how many leading bytes were right.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), _token);
    }
}
