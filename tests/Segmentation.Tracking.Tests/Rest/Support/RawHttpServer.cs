using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Segmentation.Tracking.Tests.Rest.Support;

/// <summary>One HTTP/1.1 request as a raw-socket server read it.</summary>
/// <param name="Method">The request method.</param>
/// <param name="Target">Path and query as sent.</param>
/// <param name="Path">The path without the query.</param>
/// <param name="ContentType">The Content-Type header, if any.</param>
/// <param name="Body">The body (Content-Length bytes).</param>
public sealed record RawHttpRequest(string Method, string Target, string Path, string? ContentType, byte[] Body);

/// <summary>
/// A minimal HTTP/1.1 server on raw sockets, one request per connection (<c>Connection: close</c>): the base of the test
/// servers that must do what HttpListener cannot — reset a connection or drop it without a byte of answer (HttpListener's
/// Abort still sends an empty 200).
/// </summary>
public abstract class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Base URI of the server.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Cancelled when the server stops.</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>Stops accepting and waits for the accept loop to end.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Ends with the listener's disposal exception.
        }

        Dispose(true);
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads the request line, headers and body; null when the client closed before a whole head arrived.</summary>
    protected static async Task<RawHttpRequest?> ReadRequestAsync(NetworkStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) != 1)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        string? Header(string name) => lines
            .Skip(1)
            .Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(l => l[(name.Length + 1)..].Trim())
            .FirstOrDefault();
        var length = Header("Content-Length") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body).ConfigureAwait(false);
        var target = requestLine.Length > 1 ? requestLine[1] : "/";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        return new RawHttpRequest(requestLine[0], target, query < 0 ? target : target[..query], Header("Content-Type"), body);
    }

    /// <summary>Writes a whole response with Content-Length and <c>Connection: close</c>.</summary>
    protected static async Task WriteAsync(NetworkStream stream, int status, string? contentType, byte[] body, int? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(body);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n");
        if (contentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        if (retryAfter is { } seconds)
        {
            head.Append(CultureInfo.InvariantCulture, $"Retry-After: {seconds}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString())).ConfigureAwait(false);
        await stream.WriteAsync(body).ConfigureAwait(false);
    }

    /// <summary>Closes with a zero linger, so the client sees an RST ("connection reset by peer") instead of a FIN.</summary>
    protected static void Reset(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>Starts listening; call once the subclass is ready to serve.</summary>
    protected void Start()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Serves one connection (the socket is closed afterwards by the caller's <c>using</c>).</summary>
    protected abstract Task ServeAsync(Socket socket);

    /// <summary>Releases what the subclass holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }
}
