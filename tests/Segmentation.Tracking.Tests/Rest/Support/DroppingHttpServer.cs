using System.Net.Sockets;
using System.Text;

namespace Segmentation.Tracking.Tests.Rest.Support;

/// <summary>A minimal HTTP/1.1 server that can drop a connection after reading the request, without answering.</summary>
public sealed class DroppingHttpServer : RawHttpServer
{
    private readonly Func<string, string, byte[], (int Status, string Body)?> _handler;

    /// <summary>Starts the server; <paramref name="handler"/> gets method, path and body and returns a JSON reply, or null to drop the connection.</summary>
    public DroppingHttpServer(Func<string, string, byte[], (int Status, string Body)?> handler)
    {
        _handler = handler;
        Start();
    }

    /// <inheritdoc/>
    protected override async Task ServeAsync(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            if (await ReadRequestAsync(stream).ConfigureAwait(false) is not { } request)
            {
                return;
            }

            if (_handler(request.Method, request.Path, request.Body) is not { } reply)
            {
                // Drop: reset the connection without a byte of response.
                socket.LingerState = new LingerOption(true, 0);
                return;
            }

            await WriteAsync(stream, reply.Status, "application/json", Encoding.UTF8.GetBytes(reply.Body)).ConfigureAwait(false);
        }
    }
}
