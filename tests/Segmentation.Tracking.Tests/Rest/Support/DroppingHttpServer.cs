using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Segmentation.Tracking.Tests.Rest.Support;

/// <summary>A minimal HTTP/1.1 server on raw sockets that can drop a connection after reading the request, without answering.</summary>
/// <remarks>HttpListener cannot do that: its Abort still sends an empty 200. One request per connection (<c>Connection: close</c>).</remarks>
public sealed class DroppingHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, string, byte[], (int Status, string Body)?> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts the server; <paramref name="handler"/> gets method, path and body and returns a JSON reply, or null to drop the connection.</summary>
    public DroppingHttpServer(Func<string, string, byte[], (int Status, string Body)?> handler)
    {
        _handler = handler;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Base URI of the server.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Ends with the listener's disposal exception.
        }

        _stop.Dispose();
    }

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

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            var (method, path, body) = await ReadRequestAsync(stream).ConfigureAwait(false);
            var reply = _handler(method, path, body);
            if (reply is not { } r)
            {
                // Drop: reset the connection without a byte of response.
                socket.LingerState = new LingerOption(true, 0);
                return;
            }

            var payload = Encoding.UTF8.GetBytes(r.Body);
            var head = string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {r.Status} X\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
            await stream.WriteAsync(payload).ConfigureAwait(false);
        }
    }

    private static async Task<(string Method, string Path, byte[] Body)> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer) && await stream.ReadAsync(one).ConfigureAwait(false) == 1)
        {
            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var length = lines
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body).ConfigureAwait(false);
        var target = requestLine.Length > 1 ? requestLine[1] : "/";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        return (requestLine[0], query < 0 ? target : target[..query], body);
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';
}
