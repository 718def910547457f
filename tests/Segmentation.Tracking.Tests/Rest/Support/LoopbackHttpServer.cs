using System.Net;
using System.Net.Sockets;

namespace Segmentation.Tracking.Tests.Rest.Support;

/// <summary>An in-process HTTP server on 127.0.0.1 and a free port, handing each request to a delegate.</summary>
/// <remarks>HttpListener rather than Kestrel: it ships with the base framework, so tests and benchmarks need no extra framework reference.</remarks>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts listening; <paramref name="handler"/> must write and close the response.</summary>
    public LoopbackHttpServer(Func<HttpListenerContext, Task> handler)
    {
        _handler = handler;
        (_listener, Port) = StartOnFreePort();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port listened on.</summary>
    public int Port { get; }

    /// <summary>Base URI, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    /// <summary>Token cancelled when the server stops (handlers that stall should observe it).</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Stops the listener.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's disposal exception.
        }

        _stop.Dispose();
    }

    private static (HttpListener Listener, int Port) StartOnFreePort()
    {
        // HttpListener cannot bind port 0: ask the OS for a free port, then claim it (retrying on a lost race).
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await _handler(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A handler bug must surface to the client as a 500 with the reason, not hang the test.
            try
            {
                context.Response.StatusCode = 599;
                var bytes = System.Text.Encoding.UTF8.GetBytes("loopback handler failed: " + ex);
                context.Response.ContentType = "text/plain";
                await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception) when (ex is not OutOfMemoryException)
            {
                // The connection is gone already.
            }
        }
    }

    /// <summary>Writes a body with a status and content type and closes the response.</summary>
    public static async Task RespondAsync(HttpListenerResponse response, int status, string? contentType, byte[] body, IReadOnlyDictionary<string, string>? headers = null)
    {
        response.StatusCode = status;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.AddHeader(name, value);
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }

    /// <summary>Reads a request body completely.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
