using System.Globalization;
using Segmentation.Tracking;
using Segmentation.Tracking.Runs;

namespace Segmentation.Benchmarks.Tracking;

/// <summary>
/// The tracking benchmarks' shared workload, what the sweep executor writes: a parent run, then per trial one child run,
/// 8 params, 10 metrics, 2 tags, one dataset input, 3 artifacts and the FINISHED update.
/// </summary>
/// <remarks>One definition so the REST and SQLite figures measure exactly the same writes.</remarks>
internal sealed class SweepTrialWorkload
{
    /// <summary>Trials logged by one <see cref="LogTrialsAsync"/> call.</summary>
    public const int Trials = 100;

    private static readonly string[] Metrics =
        ["silhouette", "davies_bouldin", "calinski_harabasz", "inertia", "n_clusters", "min_cluster_fraction", "max_cluster_fraction", "fit_seconds", "bic", "aic"];

    private static readonly string[] ParameterKeys = ["algorithm", "k", "scaler", "pca.components", "seed", "max_iter", "init", "n_init"];

    private static readonly Dataset Customers =
        new("customers", "3f2a9c1e", "local", "{\"uri\": \"file:///data/customers.parquet\"}", "{\"mlflow_colspec\": []}", "{\"num_rows\": 4372}");

    private readonly ITrackingStore _store;
    private readonly string[] _artifacts;
    private readonly string _experimentId;
    private readonly string _parentRunId;

    private SweepTrialWorkload(ITrackingStore store, string[] artifacts, string experimentId, string parentRunId)
    {
        _store = store;
        _artifacts = artifacts;
        _experimentId = experimentId;
        _parentRunId = parentRunId;
    }

    /// <summary>Writes three 2 KiB artifact files into <paramref name="directory"/> and creates the experiment and parent run.</summary>
    public static SweepTrialWorkload Prepare(ITrackingStore store, string directory)
    {
        var artifacts = new[] { "MLmodel", "pipeline.json", "profile.csv" }.Select(name =>
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, new string('x', 2048));
            return path;
        }).ToArray();
        var experimentId = store.GetOrCreateExperimentAsync("bench").GetAwaiter().GetResult().ExperimentId;
        var parentRunId = store.CreateRunAsync(new CreateRunRequest(experimentId, "sweep", 0)).GetAwaiter().GetResult().Info.RunId;
        return new SweepTrialWorkload(store, artifacts, experimentId, parentRunId);
    }

    /// <summary>Logs <see cref="Trials"/> child runs under the parent run.</summary>
    public async Task LogTrialsAsync()
    {
        for (var t = 0; t < Trials; t++)
        {
            var k = (t % 9) + 2;
            var run = await _store.CreateRunAsync(new CreateRunRequest(_experimentId, "kmeans-k" + k.ToString(CultureInfo.InvariantCulture), t, null, _parentRunId));
            var id = run.Info.RunId;
            var parameters = ParameterKeys.Select((key, i) => new Param(key, (i * t).ToString(CultureInfo.InvariantCulture))).ToList();
            var metrics = Metrics.Select((key, i) => new Metric(key, (t * 0.01) + i, t, 0)).ToList();
            await _store.LogBatchAsync(id, metrics, parameters, [new RunTag("segmentation.trial_hash", "h" + t.ToString(CultureInfo.InvariantCulture)), new RunTag("segmentation.dataset_digest", "3f2a9c1e")]);
            await _store.LogInputsAsync(id, [new DatasetInput(Customers, new Dictionary<string, string> { ["mlflow.data.context"] = "training" })]);
            foreach (var artifact in _artifacts)
            {
                await _store.UploadArtifactAsync(id, artifact, "model");
            }

            await _store.UpdateRunAsync(id, RunStatus.Finished, t + 1);
        }
    }
}
