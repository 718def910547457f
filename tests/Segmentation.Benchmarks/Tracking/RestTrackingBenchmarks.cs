using System.Globalization;
using BenchmarkDotNet.Attributes;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Tests.Rest.Emulator;

namespace Segmentation.Benchmarks.Tracking;

/// <summary>
/// Logging a 100-trial sweep through the REST backend to the loopback MLflow emulator (HTTP on 127.0.0.1, SQLite
/// behind it): per trial one child run, 8 params, 10 metrics, 2 tags, one dataset input, 3 artifacts and the FINISHED update.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project tests/Segmentation.Benchmarks -- --filter '*RestTracking*'</c>.
/// HTTP requests per trial are printed after the run. Compare with SqliteTrackingBenchmarks (same workload, local store) for the
/// cost of the HTTP hop; a real MLflow server adds its own (Python) handling time on top.
/// </remarks>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[Config(typeof(RestTrackingBenchmarkConfig))]
[MemoryDiagnoser]
public class RestTrackingBenchmarks
{
    private const int Trials = SweepTrialWorkload.Trials;

    private string _directory = string.Empty;
    private SweepTrialWorkload? _workload;
    private MlflowEmulator? _emulator;
    private RestTrackingStore? _store;
    private long _requests;
    private int _iterations;

    /// <summary>A fresh emulator, experiment, parent run and three local artifact files for each iteration.</summary>
    [IterationSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "seg-rest-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _emulator = new MlflowEmulator();
        _store = new RestTrackingStore(new MlflowHttpClient(new MlflowClientSettings(_emulator.BaseUri), TimeProvider.System), TimeProvider.System);
        _workload = SweepTrialWorkload.Prepare(_store, _directory);
    }

    /// <summary>Logs the 100 trials.</summary>
    [Benchmark]
    public async Task Log100Trials()
    {
        var store = _store!;
        var before = store.Client.AttemptsSent;
        await _workload!.LogTrialsAsync();

        _requests += store.Client.AttemptsSent - before;
        _iterations++;
    }

    /// <summary>Stops the emulator and deletes the iteration's files.</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        _emulator?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Prints HTTP requests per trial (averaged over iterations).</summary>
    [GlobalCleanup]
    public void Report()
    {
        if (_iterations > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// RestTrackingBenchmarks: {_requests / ((double)_iterations * Trials):0.00} HTTP requests per trial"));
        }
    }
}
