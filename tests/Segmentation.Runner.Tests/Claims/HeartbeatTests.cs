using Segmentation.Runner.Claims;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Claims;

/// <summary>The heartbeat refreshes the runs it tracks, and stops quietly and for good when disposed.</summary>
public sealed class HeartbeatTests
{
    [Fact]
    public async Task Heartbeat_TrackedRun_IsRefreshedUntilDisposed()
    {
        using var store = await ClaimStore.CreateAsync();
        var run = await store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.FromMinutes(5));
        var before = await BeatAsync(store, run);
        var heartbeat = new Heartbeat(store.Store, TimeProvider.System, TimeSpan.FromMilliseconds(20));
        heartbeat.Track(run);

        var refreshed = before;
        for (var polls = 0; polls < 500 && refreshed == before; polls++)
        {
            await Task.Delay(10);
            refreshed = await BeatAsync(store, run);
        }

        await heartbeat.DisposeAsync();
        var stopped = await BeatAsync(store, run);
        await Task.Delay(100);

        Assert.NotEqual(before, refreshed);
        Assert.Equal(stopped, await BeatAsync(store, run));
        // Idempotent: a second dispose neither throws nor waits.
        await heartbeat.DisposeAsync();
    }

    private static async Task<string> BeatAsync(ClaimStore store, string runId) =>
        (await store.Store.GetRunAsync(runId)).Data.Tags[SegmentationTags.Heartbeat];
}
