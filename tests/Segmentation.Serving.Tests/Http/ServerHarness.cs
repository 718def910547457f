using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Segmentation.Serving.Http;
using Segmentation.Serving.Models;
using Segmentation.Serving.Tests.Fixtures;

namespace Segmentation.Serving.Tests.Http;

/// <summary>A real Kestrel server on a free loopback port serving one reference, and a client for it.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly TempDirectory _cache;
    private readonly SegmentServer _server;
    private readonly IDisposable _backend;

    private ServerHarness(SegmentServer server, ModelHolder holder, TempDirectory cache, StringWriter log, IDisposable backend)
    {
        _server = server;
        _cache = cache;
        _backend = backend;
        Holder = holder;
        Log = log;
        Client = new HttpClient { BaseAddress = server.Addresses.Single(), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public ModelHolder Holder { get; }

    public StringWriter Log { get; }

    public static async Task<ServerHarness> StartAsync(TrainedModelsFixture models, string reference, ServeOptions? options = null, Tracking.Models.SegmentNameOverrides? names = null)
    {
        options ??= new ServeOptions();
        options = options with { Urls = "http://127.0.0.1:0" };
        var cache = new TempDirectory();
        var modelCache = new ModelCache(cache.Path);
        var parsed = ModelReference.Parse(reference, models.Scratch);
        // The reloader gets a backend of its own, as the CLI's is used by the reload loop alone.
        var backend = models.Open();
        var model = await ModelLoader.LoadAsync(backend, parsed, modelCache, names, CancellationToken.None);
        var holder = new ModelHolder(model, TimeProvider.System);
        var reloader = ModelReloader.Follows(parsed) && options.EffectiveReloadInterval > TimeSpan.Zero
            ? new ModelReloader(backend, parsed, modelCache, holder, options.EffectiveReloadInterval, names)
            : null;
        var log = new StringWriter();
        var server = SegmentServer.Create(options, holder, parsed, reloader, log);
        await server.StartAsync(CancellationToken.None);
        return new ServerHarness(server, holder, cache, log, backend);
    }

    /// <summary>Stops the server as SIGTERM does: no new connections, in-flight requests finish.</summary>
    public Task StopAsync() => _server.StopAsync(CancellationToken.None);

    public void Authorize(string token) => Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    public Task<HttpResponseMessage> PostAsync(string json) =>
        Client.PostAsync("/v1/segments", new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
        _backend.Dispose();
        _cache.Dispose();
    }
}
