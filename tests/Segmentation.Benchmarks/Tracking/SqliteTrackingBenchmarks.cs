using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Runs;
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
    private const int Trials = 100;
    private static readonly string[] Metrics =
        ["silhouette", "davies_bouldin", "calinski_harabasz", "inertia", "n_clusters", "min_cluster_fraction", "max_cluster_fraction", "fit_seconds", "bic", "aic"];

    private string _directory = string.Empty;
    private string[] _artifacts = [];
    private SqliteTrackingStore? _store;
    private string _experimentId = string.Empty;
    private string _parentRunId = string.Empty;
    private long _statements;
    private long _transactions;
    private int _iterations;

    /// <summary>A fresh database, experiment, parent run and three local artifact files for each iteration.</summary>
    [IterationSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "seg-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _artifacts = new[] { "MLmodel", "pipeline.json", "profile.csv" }.Select(name =>
        {
            var path = Path.Combine(_directory, name);
            File.WriteAllText(path, new string('x', 2048));
            return path;
        }).ToArray();
        _store = SqliteTrackingStore.Open(Path.Combine(_directory, "mlflow.db"), TimeProvider.System);
        _experimentId = _store.GetOrCreateExperimentAsync("bench").GetAwaiter().GetResult().ExperimentId;
        _parentRunId = _store.CreateRunAsync(new CreateRunRequest(_experimentId, "sweep", 0)).GetAwaiter().GetResult().Info.RunId;
    }

    /// <summary>Logs the 100 trials.</summary>
    [Benchmark]
    public async Task Log100Trials()
    {
        var store = _store!;
        var before = (store.Counters.Statements, store.Counters.Transactions);
        var dataset = new Dataset("customers", "3f2a9c1e", "local", "{\"uri\": \"file:///data/customers.parquet\"}", "{\"mlflow_colspec\": []}", "{\"num_rows\": 4372}");
        for (var t = 0; t < Trials; t++)
        {
            var k = (t % 9) + 2;
            var run = await store.CreateRunAsync(new CreateRunRequest(_experimentId, "kmeans-k" + k.ToString(CultureInfo.InvariantCulture), t, null, _parentRunId));
            var id = run.Info.RunId;
            var parameters = new[] { "algorithm", "k", "scaler", "pca.components", "seed", "max_iter", "init", "n_init" }
                .Select((key, i) => new Param(key, (i * t).ToString(CultureInfo.InvariantCulture))).ToList();
            var metrics = Metrics.Select((key, i) => new Metric(key, (t * 0.01) + i, t, 0)).ToList();
            await store.LogBatchAsync(id, metrics, parameters, [new RunTag("segmentation.trial_hash", "h" + t.ToString(CultureInfo.InvariantCulture)), new RunTag("segmentation.dataset_digest", "3f2a9c1e")]);
            await store.LogInputsAsync(id, [new DatasetInput(dataset, new Dictionary<string, string> { ["mlflow.data.context"] = "training" })]);
            foreach (var artifact in _artifacts)
            {
                await store.UploadArtifactAsync(id, artifact, "model");
            }

            await store.UpdateRunAsync(id, RunStatus.Finished, t + 1);
        }

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
