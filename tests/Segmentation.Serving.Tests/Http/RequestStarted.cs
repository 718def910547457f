using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Segmentation.Serving.Tests.Http;

/// <summary>
/// Completes when ASP.NET Core's hosting layer has begun a request on the given port: Kestrel's graceful stop waits only
/// for requests it has started, so a shutdown test must not stop the server before this (the client having sent bytes is
/// not enough on a loaded machine).
/// </summary>
internal sealed class RequestStarted : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly int _port;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _allListeners;
    private IDisposable? _hosting;

    public RequestStarted(Uri server)
    {
        _port = server.Port;
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public Task Task => _started.Task;

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.AspNetCore")
        {
            _hosting = value.Subscribe(this, name => name == "Microsoft.AspNetCore.Hosting.BeginRequest");
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        // Servers of other tests in this process raise the same event; only this one's port counts.
        if (value.Value?.GetType().GetProperty("httpContext")?.GetValue(value.Value) is HttpContext context && context.Connection.LocalPort == _port)
        {
            _started.TrySetResult();
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _hosting?.Dispose();
        _allListeners.Dispose();
    }
}
