using Segmentation.Runner.Claims;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Claims;

public sealed class ParentClaimTests
{
    [Fact]
    public async Task ClaimAsync_TwelveProcessesAtOnce_ExactlyOneParentEveryoneAdoptsIt()
    {
        using var store = await ClaimStore.CreateAsync();
        using var start = new Barrier(12);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await new ParentClaim(store.Store, ClaimStore.Settings, TimeProvider.System)
                .ClaimAsync(store.ExperimentId, "sweep1", ct => CandidateAsync(store, ct), CancellationToken.None);
        })));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Parent.Info.RunId).Distinct());
        var runs = await store.Store.SearchRunsAsync(new RunSearchRequest([store.ExperimentId], null));
        var parent = Assert.Single(runs, r => r.Data.Tags[SegmentationTags.RunKind] == SegmentationTags.RunKindSweep);
        Assert.Equal(RunStatus.Running, parent.Info.Status);
        // Every losing candidate was withdrawn: KILLED, never a parent.
        Assert.All(runs.Where(r => r.Info.RunId != parent.Info.RunId), r =>
        {
            Assert.Equal(SegmentationTags.RunKindWithdrawn, r.Data.Tags[SegmentationTags.RunKind]);
            Assert.Equal(RunStatus.Killed, r.Info.Status);
        });
    }

    [Fact]
    public async Task ClaimAsync_ACandidateWhoseProcessDied_ExpiresAndDoesNotBlockTheSweep()
    {
        using var store = await ClaimStore.CreateAsync();
        await store.Store.CreateRunAsync(new CreateRunRequest(
            store.ExperimentId, "dead", ClaimStore.NowMs - (long)TimeSpan.FromMinutes(5).TotalMilliseconds, CandidateTags()));

        var (parent, created) = await new ParentClaim(store.Store, ClaimStore.Settings, TimeProvider.System)
            .ClaimAsync(store.ExperimentId, "sweep1", ct => CandidateAsync(store, ct), CancellationToken.None);

        Assert.True(created);
        Assert.NotEqual("dead", parent.Info.RunName);
    }

    private static Task<Run> CandidateAsync(ClaimStore store, CancellationToken cancellationToken) =>
        store.Store.CreateRunAsync(new CreateRunRequest(store.ExperimentId, "candidate", ClaimStore.NowMs, CandidateTags()), cancellationToken);

    private static Dictionary<string, string> CandidateTags() => new()
    {
        [SegmentationTags.RunKind] = SegmentationTags.RunKindSweepCandidate,
        [SegmentationTags.SweepId] = "sweep1",
    };
}
