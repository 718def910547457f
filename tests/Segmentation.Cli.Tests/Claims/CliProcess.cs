using System.Diagnostics;
using System.Text;
using Segmentation.Cli.Tests.Commands;

namespace Segmentation.Cli.Tests.Claims;

/// <summary>
/// The real CLI in its own process (<c>dotnet Segmentation.Cli.dll …</c>, as a CI job or a pod runs it), with its own
/// environment: variables are given to the child only, never set in the test process.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    // Variables of the machine running the tests that would change what a child does.
    private static readonly string[] Cleared =
    [
        "MLFLOW_TRACKING_URI", "MLFLOW_EXPERIMENT_NAME", "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD",
        "JOB_COMPLETION_INDEX", "SEGMENTATION_SHARDS", "SEGMENTATION_HEARTBEAT_SECONDS", "SEGMENTATION_CLAIM_TIMEOUT_SECONDS", "SEGMENTATION_DATASET_STORE",
    ];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Lock _gate = new();

    private CliProcess(Process process) => _process = process;

    /// <summary>The built CLI next to its runtimeconfig: src/Segmentation.Cli/bin/&lt;configuration&gt;/net10.0/Segmentation.Cli.dll.</summary>
    public static string CliDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            var dll = Path.Combine(SmokeWorkspace.RepositoryRoot(), "src", "Segmentation.Cli", "bin", configuration, "net10.0", "Segmentation.Cli.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built; build tests/Segmentation.Cli.Tests first");
        }
    }

    /// <summary>Standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>segment ARGS</c> in <paramref name="workingDirectory"/> with <paramref name="environment"/> added to a cleaned copy of ours.</summary>
    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        // The test host sets DOTNET_HOST_PATH to the dotnet that runs the tests.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in Cleared)
        {
            info.Environment.Remove(name);
        }

        // A child keeps no JIT profile in the user's cache (the processes this suite kills would leave their copies there);
        // the tests of the profiles name a folder of their own.
        info.Environment[JitProfile.Variable] = "off";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Append(cli._output, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(cli._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Waits for the exit; returns the exit code and both outputs.</summary>
    public async Task<(int Code, string Output, string Error)> WaitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"segment did not exit within {timeout}: {Output}\n{ErrorText()}");
        }

        // The parameterless wait drains the redirected streams.
        await _process.WaitForExitAsync();
        return (_process.ExitCode, Output, ErrorText());
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the process gets no chance to close its runs (what kill -9 or an evicted pod does).</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private string ErrorText()
    {
        lock (_gate)
        {
            return _error.ToString();
        }
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.AppendLine(line);
        }
    }
}
