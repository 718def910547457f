using System.Net;
using System.Text.Json;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Segmentation.Tracking.Tests.Rest.Support;

namespace Segmentation.Cli.Tests.Claims;

/// <summary>
/// A loopback front for the MLflow emulator that freezes a process at a chosen point: it passes every request through
/// until it has answered the n-th trial <c>runs/create</c>, then answers nothing more. The process is then stuck with
/// that trial RUNNING and its heartbeat silent — the state a SIGKILL at that moment leaves — whatever the machine's speed.
/// </summary>
internal sealed class StallingGateway : IDisposable
{
    private readonly MlflowEmulator _emulator;
    private readonly int _trialCreates;
    private readonly LoopbackHttpServer _server;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _created;

    public StallingGateway(MlflowEmulator emulator, int trialCreates)
    {
        _emulator = emulator;
        _trialCreates = trialCreates;
        _server = new LoopbackHttpServer(HandleAsync);
    }

    /// <summary>The tracking URI to give the process to freeze.</summary>
    public string Uri => _server.BaseUri.ToString().TrimEnd('/');

    /// <summary>Completes once the process has asked for something after the n-th trial create, i.e. is frozen.</summary>
    public Task Stalled => _stalled.Task;

    public void Dispose() => _server.Dispose();

    private static bool IsTrialCreate(string path, byte[] body)
    {
        if (!path.EndsWith("/runs/create", StringComparison.Ordinal))
        {
            return false;
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("tags", out var tags)
            && tags.EnumerateArray().Any(t => t.GetProperty("key").GetString() == "segmentation.run_kind" && t.GetProperty("value").GetString() == "trial");
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var body = await LoopbackHttpServer.ReadBodyAsync(context.Request);
        if (Volatile.Read(ref _created) >= _trialCreates)
        {
            _stalled.TrySetResult();
            // Never answered: the client waits (and retries) until it is killed.
            await Task.Delay(Timeout.Infinite, _server.Stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        var path = context.Request.Url!.AbsolutePath;
        var response = await _emulator.HandleAsync(context.Request.HttpMethod, context.Request.Url.PathAndQuery, context.Request.Headers["Content-Type"], body);
        if (IsTrialCreate(path, body) && response.Status == 200)
        {
            Interlocked.Increment(ref _created);
        }

        await LoopbackHttpServer.RespondAsync(context.Response, response.Status, response.ContentType, response.Body);
    }
}
