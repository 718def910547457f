using System.Diagnostics;
using System.Text;

namespace Segmentation.Tests.Shared;

/// <summary>
/// DuckDB's Node.js package (which ships DuckDB's native library), installed once per machine into a cache folder under the
/// system temp directory, and node runs of committed .mjs scripts against it — the independent SQL peer the Parquet and
/// Data tests compare with. Compiled into each test project that uses it (one source, linked), so every project shares
/// one install. Missing node or npm fails the tests that use it, naming the program.
/// </summary>
internal static class NodeDuckDb
{
    /// <summary>The package and version installed.</summary>
    public const string Package = "@duckdb/node-api@1.5.6-r.1";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Installs the package (once; other test processes may race for the same folder, so a lock file guards it),
    /// copies the committed scripts of <paramref name="scriptFolder"/> (relative to the test output) beside it, and returns the folder.</summary>
    public static string Install(string scriptFolder)
    {
        var directory = Path.Combine(Path.GetTempPath(), "segmentation-parquet-duckdb", Package.Replace('/', '_').Replace('@', '_'));
        Directory.CreateDirectory(directory);
        var marker = Path.Combine(directory, "node_modules", "@duckdb", "node-api", "package.json");
        if (!File.Exists(marker))
        {
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

        foreach (var script in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, scriptFolder), "*.mjs"))
        {
            File.Copy(script, Path.Combine(directory, Path.GetFileName(script)), overwrite: true);
        }

        return directory;
    }

    /// <summary>Runs <paramref name="script"/> from the install folder with node; its standard output, or an error with node's.</summary>
    public static string RunScript(string directory, string script, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var (exitCode, stdout, stderr) = RunProcess("node", [Path.Combine(directory, script), .. arguments], directory, timeout);
        return exitCode == 0 ? stdout : throw new InvalidOperationException($"node {script} {string.Join(' ', arguments)} exited with {exitCode}:\n{stderr}");
    }

    /// <summary>Runs a program to completion (killed after <paramref name="timeout"/>); a missing program fails naming it.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunProcess(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
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
                $"'{program}' is not installed or not on PATH ({e.Message}). The DuckDB reference tests need Node.js and npm to install {Package}.", e);
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
}
