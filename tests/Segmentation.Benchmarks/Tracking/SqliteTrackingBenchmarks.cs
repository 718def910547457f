using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Benchmarks.Tracking;

/// <summary>
/// Logging a 100-trial sweep to the local SQLite store: per trial one child run, 8 params, 10 metrics,
/// 2 tags, one dataset input, 3 artifacts and the FINISHED update (what the sweep executor writes).
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project tests/Segmentation.Benchmarks -- --filter '*SqliteTracking*'</c>.
/// Statements and transactions per trial are printed after the run (from <see cref="SqliteStoreCounters"/>).
/// </remarks>
[Config(typeof(SqliteTrackingBenchmarkConfig))]
[MemoryDiagnoser]
public class SqliteTrackingBenchmarks
{
    private const int Trials = SweepTrialWorkload.Trials;

    private string _directory = string.Empty;
    private SweepTrialWorkload? _workload;
    private SqliteTrackingStore? _store;
    private long _statements;
    private long _transactions;
    private int _iterations;

    /// <summary>A fresh database, experiment, parent run and three local artifact files for each iteration.</summary>
    [IterationSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "seg-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _store = SqliteTrackingStore.Open(Path.Combine(_directory, "mlflow.db"), TimeProvider.System);
        _workload = SweepTrialWorkload.Prepare(_store, _directory);
    }

    /// <summary>Logs the 100 trials.</summary>
    [Benchmark]
    public async Task Log100Trials()
    {
        var store = _store!;
        var before = (store.Counters.Statements, store.Counters.Transactions);
        await _workload!.LogTrialsAsync();

        _statements += store.Counters.Statements - before.Statements;
        _transactions += store.Counters.Transactions - before.Transactions;
        _iterations++;
    }

    /// <summary>Deletes the iteration's database and artifacts.</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Prints statements and transactions per trial (averaged over iterations).</summary>
    [GlobalCleanup]
    public void Report()
    {
        if (_iterations > 0)
        {
            var trials = (double)_iterations * Trials;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// SqliteTrackingBenchmarks: {_statements / trials:0.0} SQL statements and {_transactions / trials:0.0} transactions per trial"));
        }
    }
}
