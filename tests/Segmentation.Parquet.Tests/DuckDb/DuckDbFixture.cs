using System.Collections.Concurrent;
using Segmentation.Tests.Shared;

namespace Segmentation.Parquet.Tests.DuckDb;

/// <summary>
/// Installs DuckDB's Node.js package (which ships DuckDB's native library) into a cache folder under the system temp
/// directory once, and runs the committed DuckDb/*.mjs scripts with node. Missing node or npm fails the tests that use it.
/// </summary>
public sealed class DuckDbFixture : IDisposable
{
    /// <summary>The package and version installed.</summary>
    public const string Package = NodeDuckDb.Package;

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private readonly Lazy<string> _workDirectory = new(() => NodeDuckDb.Install("DuckDb"), LazyThreadSafetyMode.ExecutionAndPublication);
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
    public string RunScript(string script, params string[] arguments) => NodeDuckDb.RunScript(_workDirectory.Value, script, arguments, ScriptTimeout);

    /// <summary>Runs a program to completion (<see cref="NodeDuckDb.RunProcess"/>).</summary>
    internal static (int ExitCode, string Stdout, string Stderr) RunProcess(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout) =>
        NodeDuckDb.RunProcess(program, arguments, workingDirectory, timeout);
}
