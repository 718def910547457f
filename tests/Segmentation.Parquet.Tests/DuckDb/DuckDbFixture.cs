using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Segmentation.Parquet.Tests.DuckDb;

/// <summary>
/// Installs DuckDB's Node.js package (which ships DuckDB's native library) into a cache folder under the system temp
/// directory once, and runs the committed DuckDb/*.mjs scripts with node. Missing node or npm fails the tests that use it.
/// </summary>
public sealed class DuckDbFixture : IDisposable
{
    /// <summary>The package and version installed.</summary>
    public const string Package = "@duckdb/node-api@1.5.6-r.1";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private readonly Lazy<string> _workDirectory = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, Lazy<object>> _cache = new();

    /// <summary>A folder for the files the tests exchange with DuckDB, deleted with the fixture.</summary>
    public string ScratchDirectory { get; } = Directory.CreateTempSubdirectory("segmentation-parquet-duckdb-").FullName;

    /// <summary>Computes a value once per test run, so several tests can share one node process's output.</summary>
    public T Cached<T>(string key, Func<T> create)
        where T : class =>
        (T)_cache.GetOrAdd(key, _ => new Lazy<object>(create, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(ScratchDirectory, recursive: true);

    /// <summary>Runs a committed script with node and returns its standard output; throws with node's error output on failure.</summary>
    public string RunScript(string script, params string[] arguments)
    {
        var directory = _workDirectory.Value;
        var (exitCode, stdout, stderr) = RunProcess("node", [Path.Combine(directory, script), .. arguments], directory, ScriptTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"node {script} {string.Join(' ', arguments)} exited with {exitCode}:\n{stderr}");
        }

        return stdout;
    }

    private static string Install()
    {
        var directory = Path.Combine(Path.GetTempPath(), "segmentation-parquet-duckdb", Package.Replace('/', '_').Replace('@', '_'));
        Directory.CreateDirectory(directory);
        var marker = Path.Combine(directory, "node_modules", "@duckdb", "node-api", "package.json");
        if (!File.Exists(marker))
        {
            // Another test process may be installing into the same cache folder; hold a lock file meanwhile.
            using var installLock = AcquireLock(Path.Combine(directory, ".install.lock"));
            if (!File.Exists(marker))
            {
                File.WriteAllText(Path.Combine(directory, "package.json"), "{\"name\":\"segmentation-parquet-duckdb\",\"private\":true}\n");
                var (exitCode, stdout, stderr) = RunProcess("npm", ["install", "--no-audit", "--no-fund", Package], directory, InstallTimeout);
                if (exitCode != 0 || !File.Exists(marker))
                {
                    throw new InvalidOperationException($"npm install {Package} failed in {directory} (exit {exitCode}):\n{stdout}\n{stderr}");
                }
            }
        }

        foreach (var script in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "DuckDb"), "*.mjs"))
        {
            File.Copy(script, Path.Combine(directory, Path.GetFileName(script)), overwrite: true);
        }

        return directory;
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < InstallTimeout)
            {
                Thread.Sleep(200);
            }
        }
    }

    internal static (int ExitCode, string Stdout, string Stderr) RunProcess(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' is not installed or not on PATH ({e.Message}). The DuckDB conformance tests need Node.js and npm to install {Package}.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}");
            }

            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }
}
