using System.Diagnostics;
using System.Text;

namespace Segmentation.Data.Tests.Products.DuckDb;

/// <summary>
/// Runs the committed Products/DuckDb/*.mjs scripts with node against DuckDB's Node.js package, installed once into the
/// same temp cache folder the Parquet tests use (so a machine installs it once). Missing node or npm fails the tests.
/// </summary>
internal static class DuckDbScripts
{
    /// <summary>The package and version installed (the Parquet tests' pin).</summary>
    public const string Package = "@duckdb/node-api@1.5.6-r.1";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> WorkDirectory = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs a script and returns its standard output; throws with node's error output on failure.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var directory = WorkDirectory.Value;
        var (exitCode, stdout, stderr) = RunProcess("node", [Path.Combine(directory, script), .. arguments], directory, ScriptTimeout);
        return exitCode == 0 ? stdout : throw new InvalidOperationException($"node {script} exited with {exitCode}:\n{stderr}");
    }

    private static string Install()
    {
        var directory = Path.Combine(Path.GetTempPath(), "segmentation-parquet-duckdb", Package.Replace('/', '_').Replace('@', '_'));
        Directory.CreateDirectory(directory);
        var marker = Path.Combine(directory, "node_modules", "@duckdb", "node-api", "package.json");
        if (!File.Exists(marker))
        {
            // The Parquet tests may be installing into the same folder at the same time; their lock file is shared.
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

        foreach (var script in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Products", "DuckDb"), "*.mjs"))
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

    private static (int ExitCode, string Stdout, string Stderr) RunProcess(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
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
            throw new InvalidOperationException($"'{program}' is not installed or not on PATH ({e.Message}); the DuckDB reference tests need Node.js and npm.", e);
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
