using System.Net;
using System.Text.Json;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tests.Rest.Support;

namespace Segmentation.Tracking.Tests.Rest.Emulator;

/// <summary>
/// A loopback MLflow tracking server emulator: REST API 2.0 and the artifact proxy, backed by
/// <see cref="SqliteTrackingStore"/>, answering in the shapes, status codes and quirks the recorded
/// MLflow 2.17.2 fixtures show (empty lists omitted, 400 for a missing alias, 500 for a missing artifact,
/// Content-Type enforcement, HTML 404 for unknown URLs, silent truncation of long params) - or, in
/// <see cref="MlflowServerGeneration.Mlflow3"/> mode, where the v3 recordings differ in what a client must handle:
/// <c>/version</c>, paged metric history that needs <c>max_results</c>, no search token after the last page, 404 for a missing artifact.
/// </summary>
/// <remarks>Used so the shared behaviour suite runs against the REST backend in CI, where no MLflow can be installed.</remarks>
public sealed partial class MlflowEmulator : IDisposable
{
    private const string Api = "/api/2.0/mlflow/";
    private readonly Dictionary<(string Method, string Path), Func<EmulatorRequest, Task<EmulatorResponse>>> _routes = [];
    private readonly LoopbackHttpServer _server;
    private readonly string _directory;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byEndpoint = new(StringComparer.Ordinal);
    private long _requests;

    /// <summary>Starts an emulator of an MLflow 2.17.2 (default) or 3.11 server over a fresh database in a temporary folder.</summary>
    public MlflowEmulator(TimeProvider? timeProvider = null, MlflowServerGeneration generation = MlflowServerGeneration.Mlflow2)
    {
        Generation = generation == MlflowServerGeneration.Mlflow3 ? generation : MlflowServerGeneration.Mlflow2;
        _directory = Path.Combine(Path.GetTempPath(), "mlflow-emulator-" + Guid.NewGuid().ToString("N"));
        Store = SqliteTrackingStore.Open(Path.Combine(_directory, "mlflow.db"), timeProvider ?? TimeProvider.System);
        MapTracking();
        MapArtifacts();
        MapRegistry();
        if (IsMlflow3)
        {
            // MLflow 2.17.2 has none of these: its Flask app answers them with the HTML 404 page (v3 fixtures 92, 120 notes).
            MapLoggedModels();
        }

        _server = new LoopbackHttpServer(HandleAsync);
    }

    /// <summary>The MLflow generation emulated.</summary>
    public MlflowServerGeneration Generation { get; }

    /// <summary>Whether the MLflow 3 behaviour is emulated.</summary>
    private bool IsMlflow3 => Generation == MlflowServerGeneration.Mlflow3;

    /// <summary>Base URI of the emulated server.</summary>
    public Uri BaseUri => _server.BaseUri;

    /// <summary>The store behind the API.</summary>
    public SqliteTrackingStore Store { get; }

    /// <summary>HTTP requests served so far.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>
    /// HTTP requests served so far by endpoint (<c>"POST runs/create"</c>; artifact transfers as <c>"PUT artifacts"</c> and
    /// <c>"GET artifacts"</c>, whatever the file), so a test or benchmark can say where a trial's requests go.
    /// </summary>
    public IReadOnlyDictionary<string, int> RequestsByEndpoint => new Dictionary<string, int>(_byEndpoint, StringComparer.Ordinal);

    /// <summary>Answers one request without going through HTTP (the shape tests replay fixtures this way too).</summary>
    public async Task<EmulatorResponse> HandleAsync(string method, string pathAndQuery, string? contentType, byte[] body)
    {
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart]);
        var query = ParseQuery(queryStart < 0 ? string.Empty : pathAndQuery[(queryStart + 1)..]);
        try
        {
            if (path.StartsWith(ArtifactProxy, StringComparison.Ordinal) && (method == "PUT" || (method == "GET" && path.Length > ArtifactProxy.Length + 1)))
            {
                var relative = path[(ArtifactProxy.Length + 1)..];
                return method == "PUT" ? await UploadAsync(relative, body) : Download(relative);
            }

            if (!_routes.TryGetValue((method, RouteOf(path)), out var handler))
            {
                return EmulatorResponse.NotFoundPage();
            }

            JsonElement json = default;
            if (method != "GET")
            {
                // MLflow checks the Content-Type first (fixtures 63, 64, 65).
                if (string.IsNullOrEmpty(contentType))
                {
                    return EmulatorResponse.Error(400, ErrorCodes.InvalidParameterValue, "Bad Request. Content-Type header is missing.");
                }

                if (!contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
                {
                    return EmulatorResponse.Error(400, ErrorCodes.InvalidParameterValue, "Bad Request. Content-Type must be one of ['application/json'].");
                }

                if (!TryParseBody(body, out json))
                {
                    if (path == Api + "runs/log-batch")
                    {
                        // log-batch does not guard its body: Flask's HTML 500 page (fixture 60).
                        return EmulatorResponse.ServerErrorPage();
                    }

                    // Other handlers read an unparseable body as {} and fail required-field checks (fixtures 61, 62).
                    json = Empty();
                }
            }

            return await handler(new EmulatorRequest(method, path, query, json, body));
        }
        catch (MlflowException ex)
        {
            var status = ex switch
            {
                ResourceNotFoundException => 404,
                _ when ex.ErrorCode == ErrorCodes.InternalError => 500,
                _ => 400,
            };
            return EmulatorResponse.Error(status, ex.ErrorCode, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return EmulatorResponse.Error(400, ErrorCodes.InvalidParameterValue, ex.Message);
        }
    }

    /// <summary>Stops the server and deletes the database and artifacts.</summary>
    public void Dispose()
    {
        _server.Dispose();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _createLock.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a late request; the temp folder is cleaned by the OS.
        }
    }

    private void Map(string method, string endpoint, Func<EmulatorRequest, Task<EmulatorResponse>> handler) =>
        _routes[(method, endpoint.StartsWith('/') ? endpoint : Api + endpoint)] = handler;

    private async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        _byEndpoint.AddOrUpdate(EndpointOf(context.Request.HttpMethod, context.Request.Url!.AbsolutePath), 1, (_, n) => n + 1);
        var body = await LoopbackHttpServer.ReadBodyAsync(context.Request);
        var response = await HandleAsync(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["Content-Type"], body);
        await LoopbackHttpServer.RespondAsync(context.Response, response.Status, response.ContentType, response.Body);
    }

    // The route a request counts under: the path after the API prefix, one key for every artifact file and every logged model id.
    private string EndpointOf(string method, string path)
    {
        path = Uri.UnescapeDataString(path);
        if (path.StartsWith(ArtifactProxy, StringComparison.Ordinal))
        {
            return method + " artifacts";
        }

        var route = RouteOf(path);
        return method + " " + (route.StartsWith(Api, StringComparison.Ordinal) ? route[Api.Length..] : route);
    }

    private static bool TryParseBody(byte[] body, out JsonElement json)
    {
        try
        {
            using var document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
            json = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : Empty();
            return true;
        }
        catch (JsonException)
        {
            json = default;
            return false;
        }
    }

    private static JsonElement Empty()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = [];
            }

            list.Add(value);
        }

        return result;
    }
}
