using System.Net;
using System.Text.Json;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Segmentation.Tracking.Tests.Rest.Support;

namespace Segmentation.Cli.Tests.Claims;

/// <summary>
/// A loopback front for the MLflow emulator that freezes a process at a chosen point: it answers the n-th trial
/// <c>runs/create</c>, then never answers a request about that run, nor any later trial create, while the requests that
/// close the trials before it (their finishes may still be in the logging queue) pass. Once those are closed the process
/// is stuck with exactly n − 1 trials FINISHED and the n-th RUNNING, its heartbeat silent — the state a SIGKILL at that
/// moment leaves — whatever the machine's speed.
/// </summary>
internal sealed class StallingGateway : IDisposable
{
    private static readonly string[] TerminalStatuses = ["FINISHED", "FAILED", "KILLED"];
    private readonly MlflowEmulator _emulator;
    private readonly int _trialCreates;
    private readonly LoopbackHttpServer _server;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> _open = [];
    private readonly object _gate = new();
    private int _created;
    private string? _frozenRunId;
    private bool _frozenAsked;

    public StallingGateway(MlflowEmulator emulator, int trialCreates)
    {
        _emulator = emulator;
        _trialCreates = trialCreates;
        _server = new LoopbackHttpServer(HandleAsync);
    }

    /// <summary>The tracking URI to give the process to freeze.</summary>
    public string Uri => _server.BaseUri.ToString().TrimEnd('/');

    /// <summary>Completes once the trials before the n-th are closed and the process asked something about the n-th, i.e. is frozen.</summary>
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

    private static string? ClosedRunId(string path, byte[] body)
    {
        if (!path.EndsWith("/runs/update", StringComparison.Ordinal))
        {
            return null;
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return root.TryGetProperty("status", out var status) && TerminalStatuses.Contains(status.GetString()) && root.TryGetProperty("run_id", out var id)
            ? id.GetString()
            : null;
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var body = await LoopbackHttpServer.ReadBodyAsync(context.Request);
        var path = context.Request.Url!.AbsolutePath;
        var isTrialCreate = IsTrialCreate(path, body);
        bool frozen;
        lock (_gate)
        {
            var aboutFrozen = _frozenRunId is { } id
                && (context.Request.Url.PathAndQuery.Contains(id, StringComparison.Ordinal) || System.Text.Encoding.UTF8.GetString(body).Contains(id, StringComparison.Ordinal));
            frozen = aboutFrozen || (isTrialCreate && _created >= _trialCreates);
            _frozenAsked |= aboutFrozen;
            CheckStalled();
        }

        if (frozen)
        {
            // Never answered: the client waits (and retries) until it is killed.
            await Task.Delay(Timeout.Infinite, _server.Stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        var response = await _emulator.HandleAsync(context.Request.HttpMethod, context.Request.Url.PathAndQuery, context.Request.Headers["Content-Type"], body);
        lock (_gate)
        {
            if (isTrialCreate && response.Status == 200)
            {
                using var json = JsonDocument.Parse(response.Body);
                var runId = json.RootElement.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
                if (++_created == _trialCreates)
                {
                    _frozenRunId = runId;
                }
                else
                {
                    _open.Add(runId);
                }
            }
            else if (response.Status == 200 && ClosedRunId(path, body) is { } closed)
            {
                _open.Remove(closed);
            }

            CheckStalled();
        }

        await LoopbackHttpServer.RespondAsync(context.Response, response.Status, response.ContentType, response.Body);
    }

    private void CheckStalled()
    {
        if (_frozenAsked && _open.Count == 0)
        {
            _stalled.TrySetResult();
        }
    }
}
