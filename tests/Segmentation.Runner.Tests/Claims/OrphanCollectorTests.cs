using Segmentation.Runner.Claims;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Claims;

public sealed class OrphanCollectorTests
{
    [Fact]
    public async Task CollectAsync_SilentAndLiveRuns_ClosesOnlyTheSilentOnesWithTheReason()
    {
        using var store = await ClaimStore.CreateAsync();
        var silent = await store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.FromMinutes(2));
        var live = await store.TrialRunAsync("h2", RunStatus.Running, TimeSpan.FromSeconds(10));
        var done = await store.TrialRunAsync("h3", RunStatus.Finished, TimeSpan.FromHours(2));
        var parent = await store.Store.CreateRunAsync(new CreateRunRequest(
            store.ExperimentId, "sweep", ClaimStore.NowMs - 600_000, new Dictionary<string, string> { [SegmentationTags.RunKind] = SegmentationTags.RunKindSweep }));

        var closed = await OrphanCollector.CollectAsync(store.Store, store.ExperimentId, null, ClaimStore.Settings, TimeProvider.System, CancellationToken.None);

        Assert.Equal(new[] { silent, parent.Info.RunId }.Order(), closed.Select(r => r.Info.RunId).Order());
        Assert.Equal(RunStatus.Failed, (await store.Store.GetRunAsync(silent)).Info.Status);
        Assert.Equal(RunStatus.Killed, (await store.Store.GetRunAsync(parent.Info.RunId)).Info.Status);
        Assert.Equal(RunStatus.Running, (await store.Store.GetRunAsync(live)).Info.Status);
        Assert.Equal(RunStatus.Finished, (await store.Store.GetRunAsync(done)).Info.Status);
        Assert.Contains("timeout 60 s", (await store.Store.GetRunAsync(silent)).Data.Tags[SegmentationTags.Error], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectAsync_OneDataset_LeavesOtherDatasetsAndParentsAlone()
    {
        using var store = await ClaimStore.CreateAsync();
        var silent = await store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.FromMinutes(2));
        var parent = await store.Store.CreateRunAsync(new CreateRunRequest(
            store.ExperimentId, "sweep", ClaimStore.NowMs - 600_000, new Dictionary<string, string> { [SegmentationTags.RunKind] = SegmentationTags.RunKindSweep }));

        var closed = await OrphanCollector.CollectAsync(store.Store, store.ExperimentId, "other-digest", ClaimStore.Settings, TimeProvider.System, CancellationToken.None);
        var mine = await OrphanCollector.CollectAsync(store.Store, store.ExperimentId, ClaimStore.Digest, ClaimStore.Settings, TimeProvider.System, CancellationToken.None);

        Assert.Empty(closed);
        Assert.Equal([silent], mine.Select(r => r.Info.RunId));
        Assert.Equal(RunStatus.Running, (await store.Store.GetRunAsync(parent.Info.RunId)).Info.Status);
    }
}
