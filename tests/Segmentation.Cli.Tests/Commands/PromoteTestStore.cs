using System.Globalization;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Recording;
using Segmentation.Runner.Selection;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tags;

namespace Segmentation.Cli.Tests.Commands;

/// <summary>A temp folder with a real SQLite tracking store holding one seeded sweep, for driving <c>segment promote</c>.</summary>
internal sealed class PromoteTestStore : IDisposable
{
    private PromoteTestStore(string directory)
    {
        Directory = directory;
        DatabasePath = Path.Combine(directory, "mlflow.db");
        Store = SqliteTrackingStore.Open(DatabasePath, TimeProvider.System);
    }

    /// <summary>The dataset digest the seeded sweeps train on.</summary>
    public const string DatasetDigest = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed";

    public string Directory { get; }

    public string DatabasePath { get; }

    /// <summary>The tracking URI of the store, absolute (four slashes), as a user passes it with --tracking-uri.</summary>
    public string Uri => "sqlite:///" + DatabasePath;

    public SqliteTrackingStore Store { get; }

    public static PromoteTestStore Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "segmentation-promote-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new PromoteTestStore(directory);
    }

    /// <summary>Seeds a sweep as the runner logs it (parent with its plan, tagged trial runs) in <paramref name="experiment"/> with one FINISHED KMeans trial per (k, silhouette), each with a model artifact.</summary>
    public async Task<string> SeedSweepAsync(string experiment, params (int K, double Silhouette)[] trials)
    {
        var exp = await Store.GetOrCreateExperimentAsync(experiment);
        var hashes = trials.Select(t => TrialHash(t.K)).ToList();
        var plan = new SweepPlanRecord(SweepPlanner.SweepId(DatasetDigest, hashes), DatasetDigest, "config-hash", hashes);
        var parent = await Store.CreateRunAsync(new CreateRunRequest(
            exp.ExperimentId,
            "sweep",
            1_000,
            new Dictionary<string, string> { [SegmentationTags.RunKind] = SegmentationTags.RunKindSweep, [SegmentationTags.SweepId] = plan.SweepId, [SegmentationTags.DatasetDigest] = DatasetDigest }));
        await RunArtifacts.UploadTextAsync(Store, parent.Info.RunId, SweepMembership.PlanArtifact, plan.ToJson(), CancellationToken.None);
        foreach (var (k, silhouette) in trials)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"kmeans-k{k}-standard");
            var tags = new Dictionary<string, string>
            {
                [SegmentationTags.TrialHash] = TrialHash(k),
                [SegmentationTags.RunKind] = SegmentationTags.RunKindTrial,
                [SegmentationTags.DatasetDigest] = DatasetDigest,
                [SegmentationTags.SweepId] = plan.SweepId,
            };
            var run = await Store.CreateRunAsync(new CreateRunRequest(exp.ExperimentId, name, 1_000 + k, tags, parent.Info.RunId));
            await Store.LogBatchAsync(
                run.Info.RunId,
                [new Metric("silhouette", silhouette, 1_000), new Metric("n_clusters", k, 1_000)],
                [new Param("algorithm", "kmeans"), new Param("k", k.ToString(CultureInfo.InvariantCulture))]);
            var model = Path.Combine(Directory, "model-" + name);
            System.IO.Directory.CreateDirectory(model);
            await File.WriteAllTextAsync(Path.Combine(model, "MLmodel"), "artifact_path: model\n");
            await Store.UploadArtifactsAsync(run.Info.RunId, model, "model");
            await Store.UpdateRunAsync(run.Info.RunId, RunStatus.Finished, 2_000);
        }

        await Store.UpdateRunAsync(parent.Info.RunId, RunStatus.Finished, 3_000);
        return parent.Info.RunId;
    }

    private static string TrialHash(int k) => string.Create(CultureInfo.InvariantCulture, $"hash-kmeans-k{k}-standard");

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test on cleanup.
        }
    }
}
