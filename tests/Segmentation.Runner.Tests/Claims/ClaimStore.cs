using Segmentation.Runner.Claims;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Claims;

/// <summary>A fresh local store with one experiment, and trial runs made the way the recorder tags them.</summary>
internal sealed class ClaimStore : IDisposable
{
    public const string Digest = "d1g3st";

    private readonly TempDirectory _dir;

    private ClaimStore(TempDirectory dir, SqliteTrackingStore store, string experimentId)
    {
        _dir = dir;
        Store = store;
        ExperimentId = experimentId;
    }

    public SqliteTrackingStore Store { get; }

    public string ExperimentId { get; }

    public static long NowMs => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    public static ClaimSettings Settings { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    public static async Task<ClaimStore> CreateAsync()
    {
        var dir = new TempDirectory();
        var store = SqliteTrackingStore.Open(System.IO.Path.Combine(dir.Path, "mlflow.db"), TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("claims");
        return new ClaimStore(dir, store, experiment.ExperimentId);
    }

    public TrialClaims Claims() => new(Store, ExperimentId, Digest, Settings, TimeProvider.System);

    /// <summary>A trial run of <paramref name="hash"/> with the given status and heartbeat age.</summary>
    public async Task<string> TrialRunAsync(string hash, RunStatus status, TimeSpan heartbeatAge)
    {
        var beat = NowMs - (long)heartbeatAge.TotalMilliseconds;
        var run = await Store.CreateRunAsync(new CreateRunRequest(
            ExperimentId,
            "trial-" + hash,
            beat,
            new Dictionary<string, string>
            {
                [SegmentationTags.RunKind] = SegmentationTags.RunKindTrial,
                [SegmentationTags.TrialHash] = hash,
                [SegmentationTags.DatasetDigest] = Digest,
                [SegmentationTags.Heartbeat] = ClaimRuns.HeartbeatValue(beat),
            }));
        if (status != RunStatus.Running)
        {
            await Store.UpdateRunAsync(run.Info.RunId, status, NowMs);
        }

        return run.Info.RunId;
    }

    public void Dispose()
    {
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
