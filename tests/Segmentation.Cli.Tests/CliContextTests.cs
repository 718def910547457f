using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli.Tests;

/// <summary>The transport's retry progress and warnings reach stderr through <see cref="CliContext"/> (issue 11).</summary>
public sealed class CliContextTests : IDisposable
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task RunsList_ServerDown_PrintsRetryProgressOnStderrAndExits3()
    {
        var environment = new Dictionary<string, string>
        {
            ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "2",
            ["MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"] = "0.05",
            ["MLFLOW_HTTP_REQUEST_BACKOFF_JITTER"] = "0",
        };

        var code = await InvokeAsync(environment, "runs", "list", "--experiment", "x", "--tracking-uri", RefusingUri());

        Assert.Equal(ExitCodes.TrackingUnreachable, code);
        var lines = _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("unreachable (connection refused), retry 1/2 in 0 s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("unreachable (connection refused), retry 2/2 in 0.1 s", StringComparison.Ordinal));
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task RunsList_TokenOverPlainHttpToAnotherHost_WarnsOnStderrWithoutTheToken()
    {
        const string Token = "tok-cli-warning-secret";
        var environment = new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_TOKEN"] = Token,
            ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0",
            ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "0.05",
        };

        // A name under .invalid never resolves (RFC 6761), so the call fails fast after the warning.
        await InvokeAsync(environment, "runs", "list", "--experiment", "x", "--tracking-uri", "http://mlflow.cli-warning.invalid:5000");

        var error = _error.ToString();
        Assert.Contains("warning: MLflow credentials (Bearer (token redacted)) are sent to http://mlflow.cli-warning.invalid:5000/ over plain http://", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error, StringComparison.Ordinal);
    }

    private async Task<int> InvokeAsync(Dictionary<string, string> environment, params string[] args)
    {
        var context = new CliContext(_output, _error, TimeProvider.System, Path.GetTempPath());
        var root = new RootCommand { new RunsCommand(context, environment.GetValueOrDefault) };
        return await SegmentCli.InvokeAsync(root.Parse(args), _output, _error);
    }

    private static string RefusingUri()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
