using Segmentation.Tests.Shared;

namespace Segmentation.Data.Tests.Products.DuckDb;

/// <summary>Runs the committed Products/DuckDb/*.mjs scripts with node against DuckDB (<see cref="NodeDuckDb"/>, the install the Parquet tests share).</summary>
internal static class DuckDbScripts
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> WorkDirectory = new(() => NodeDuckDb.Install(Path.Combine("Products", "DuckDb")), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs a script and returns its standard output; throws with node's error output on failure.</summary>
    public static string Run(string script, params string[] arguments) => NodeDuckDb.RunScript(WorkDirectory.Value, script, arguments, ScriptTimeout);
}
