using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Data;

/// <summary>A sweep trains while its fresh dataset version is written (<see cref="TrainingData.Stored"/>), and never returns before that write.</summary>
public sealed class BackgroundStoreSweepTests : IDisposable
{
    private const string Sweep = """
        experiment:
          name: background-store
        search:
          scalers: [standard]
          algorithms:
            kmeans: {k: [2, 3], n_init: 1}
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_StoreWriteStillRunning_ReturnsOnlyAfterItCompletes()
    {
        _dir.Write("configs/s.yaml", Sweep);
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new SweepRunner(OpenBackend, new SyntheticDataSource { Stored = write.Task }, TimeProvider.System);

        var sweep = runner.RunAsync(Request(), null, CancellationToken.None);
        // The trials run meanwhile; the sweep waits at their end for the version, its parent still RUNNING.
        using (var watcher = Open())
        {
            for (var polls = 0; polls < 3000 && !sweep.IsCompleted && await FinishedTrialsAsync(watcher) < 2; polls++)
            {
                await Task.Delay(20);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(sweep.IsCompleted);
            Assert.Equal(2, await FinishedTrialsAsync(watcher));
        }

        write.SetResult();
        var summary = await sweep;

        Assert.Equal((2, 0), (summary.Ran, summary.Failed));
        using var store = Open();
        Assert.Equal(RunStatus.Finished, (await store.GetRunAsync(summary.ParentRunId)).Info.Status);
    }

    [Fact]
    public async Task RunAsync_StoreWriteFails_FailsTheSweepWithItsErrorAndClosesTheParentFailed()
    {
        _dir.Write("configs/s.yaml", Sweep);
        var failed = Task.FromException(new DatasetStoreException("dataset store: disk full (test)"));
        var runner = new SweepRunner(OpenBackend, new SyntheticDataSource { Stored = failed }, TimeProvider.System);

        var error = await Assert.ThrowsAsync<DatasetStoreException>(() => runner.RunAsync(Request(), null, CancellationToken.None));

        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
        using var store = Open();
        var runs = await store.SearchRunsAsync(new RunSearchRequest([(await store.GetExperimentByNameAsync("background-store"))!.ExperimentId]));
        var parent = runs.Single(r => !r.Data.Tags.ContainsKey(MlflowTags.ParentRunId));
        Assert.Equal(RunStatus.Failed, parent.Info.Status);
        // The trials themselves were recorded in full: a resume skips them and only the version is built again.
        Assert.All(runs.Where(r => r != parent), r => Assert.Equal(RunStatus.Finished, r.Info.Status));
        Assert.Equal(2, runs.Count - 1);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileStoring_WaitsForTheWriteBeforeReturning()
    {
        _dir.Write("configs/s.yaml", Sweep);
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        var runner = new SweepRunner(OpenBackend, new SyntheticDataSource { Stored = write.Task }, TimeProvider.System);

        cancel.Cancel();
        var sweep = runner.RunAsync(Request(), null, cancel.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(sweep.IsCompleted);
        write.SetResult();
        // Cancelled before its parent run exists, the sweep ends with the cancellation, not a summary.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep);
    }

    private static async Task<int> FinishedTrialsAsync(ITrackingStore store)
    {
        if (await store.GetExperimentByNameAsync("background-store") is not { } experiment)
        {
            return 0;
        }

        var runs = await store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId]));
        return runs.Count(r => r.Data.Tags.ContainsKey(MlflowTags.ParentRunId) && r.Info.Status == RunStatus.Finished);
    }

    private static ITrackingBackend OpenBackend(TrackingUri uri) => new TrackingStoreFactory(_ => null, TimeProvider.System, "/").Open(uri);

    private ITrackingBackend Open() => OpenBackend(TrackingUri.Parse("sqlite:///mlflow.db", _dir.Path));

    private SweepRequest Request() => new(new SweepConfigRequest("configs/s.yaml", null, _dir.Path, _ => null), null, null);
}
