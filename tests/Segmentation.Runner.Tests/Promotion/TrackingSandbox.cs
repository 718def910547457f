using System.Globalization;
using Segmentation.Runner.Planning;
using Segmentation.Runner.Recording;
using Segmentation.Runner.Selection;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Promotion;

/// <summary>A real SQLite tracking store in a temp folder, with helpers that seed sweeps the way the runner logs them.</summary>
internal sealed class TrackingSandbox : IDisposable
{
    private TrackingSandbox(string directory, FixedClock clock)
    {
        Directory = directory;
        Clock = clock;
        Store = SqliteTrackingStore.Open(Path.Combine(directory, "mlflow.db"), clock);
    }

    /// <summary>The dataset digest every seeded sweep trains on.</summary>
    public const string DatasetDigest = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed";

    public string Directory { get; }

    public FixedClock Clock { get; }

    public SqliteTrackingStore Store { get; }

    public static TrackingSandbox Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "segmentation-promotion-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new TrackingSandbox(directory, new FixedClock());
    }

    /// <summary>Logs a parent run (with its plan) and one child run per trial, tagged as the runner tags them; returns the parent run id and the child run ids by trial name.</summary>
    public async Task<(string ParentRunId, IReadOnlyDictionary<string, string> Children)> SeedSweepAsync(
        string experimentName, IReadOnlyList<TrialSpec> trials, long startTimeMs = 1_000_000)
    {
        var experiment = await Store.GetOrCreateExperimentAsync(experimentName);
        var plan = new SweepPlanRecord(SweepPlanner.SweepId(DatasetDigest, trials.Select(t => t.Hash)), DatasetDigest, "config-hash", trials.Select(t => t.Hash).ToList());
        var parent = await Store.CreateRunAsync(new CreateRunRequest(
            experiment.ExperimentId,
            "sweep",
            startTimeMs,
            new Dictionary<string, string> { [SegmentationTags.RunKind] = SegmentationTags.RunKindSweep, [SegmentationTags.SweepId] = plan.SweepId, [SegmentationTags.DatasetDigest] = DatasetDigest }));
        await RunArtifacts.UploadTextAsync(Store, parent.Info.RunId, SweepMembership.PlanArtifact, plan.ToJson(), CancellationToken.None);
        var children = new Dictionary<string, string>(StringComparer.Ordinal);
        var offset = 1;
        foreach (var trial in trials)
        {
            var run = await Store.CreateRunAsync(new CreateRunRequest(
                experiment.ExperimentId,
                trial.Name,
                startTimeMs + offset++,
                new Dictionary<string, string>
                {
                    [SegmentationTags.TrialHash] = trial.Hash,
                    [SegmentationTags.RunKind] = SegmentationTags.RunKindTrial,
                    [SegmentationTags.DatasetDigest] = DatasetDigest,
                    [SegmentationTags.SweepId] = plan.SweepId,
                },
                parent.Info.RunId));
            var runId = run.Info.RunId;
            await Store.LogBatchAsync(
                runId,
                [
                    new Metric("silhouette", trial.Silhouette, startTimeMs),
                    new Metric("n_clusters", trial.K, startTimeMs),
                    new Metric("min_cluster_fraction", trial.MinClusterFraction, startTimeMs),
                    new Metric("noise_fraction", trial.NoiseFraction, startTimeMs),
                ],
                [new Param("algorithm", trial.Algorithm), new Param("k", trial.K.ToString(CultureInfo.InvariantCulture))]);
            if (trial.WithModel)
            {
                await UploadModelAsync(runId);
            }

            if (trial.WithLoggedModel)
            {
                var logged = await Store.CreateLoggedModelAsync(new Tracking.LoggedModels.CreateLoggedModelRequest(experiment.ExperimentId, trial.Name, runId));
                await Store.LogModelOutputAsync(runId, logged.ModelId);
                await Store.FinalizeLoggedModelAsync(logged.ModelId, Tracking.LoggedModels.LoggedModelStatus.Ready);
            }

            await Store.UpdateRunAsync(runId, trial.Status, startTimeMs + 100);
            children[trial.Name] = runId;
        }

        await Store.UpdateRunAsync(parent.Info.RunId, RunStatus.Finished, startTimeMs + 200);
        return (parent.Info.RunId, children);
    }

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

    private async Task UploadModelAsync(string runId)
    {
        var model = Path.Combine(Directory, "model-" + runId);
        System.IO.Directory.CreateDirectory(model);
        await File.WriteAllTextAsync(Path.Combine(model, "MLmodel"), $"artifact_path: model\nrun_id: {runId}\nflavors:\n  segmentation:\n    pipeline: pipeline.json\n");
        await File.WriteAllTextAsync(Path.Combine(model, "pipeline.json"), "{}");
        await Store.UploadArtifactsAsync(runId, model, "model");
    }
}
