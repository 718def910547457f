using Segmentation.Runner.Claims;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Claims;

public sealed class TrialClaimsTests
{
    [Fact]
    public async Task ClaimAsync_NoRunOfTheTrial_CreatesAndOwnsIt()
    {
        using var store = await ClaimStore.CreateAsync();

        var claim = await store.Claims().ClaimAsync("h1", _ => store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.Zero), CancellationToken.None);

        Assert.Equal(TrialClaimOutcome.Claimed, claim.Outcome);
        Assert.Equal(RunStatus.Running, (await store.Store.GetRunAsync(claim.RunId)).Info.Status);
    }

    [Fact]
    public async Task ClaimAsync_AFinishedRunExists_AlreadyFinishedAndCreatesNothing()
    {
        using var store = await ClaimStore.CreateAsync();
        var done = await store.TrialRunAsync("h1", RunStatus.Finished, TimeSpan.FromHours(1));

        var claim = await store.Claims().ClaimAsync("h1", _ => throw new InvalidOperationException("must not create"), CancellationToken.None);

        Assert.Equal(new TrialClaim(TrialClaimOutcome.AlreadyFinished, done), claim);
    }

    [Fact]
    public async Task ClaimAsync_ALiveRunningRunElsewhere_HeldElsewhereAndCreatesNothing()
    {
        using var store = await ClaimStore.CreateAsync();
        var live = await store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.FromSeconds(5));

        var claim = await store.Claims().ClaimAsync("h1", _ => throw new InvalidOperationException("must not create"), CancellationToken.None);

        Assert.Equal(new TrialClaim(TrialClaimOutcome.HeldElsewhere, live), claim);
    }

    [Fact]
    public async Task ClaimAsync_ASilentRunningRun_ClosesTheOrphanFailedAndClaims()
    {
        using var store = await ClaimStore.CreateAsync();
        var orphan = await store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.FromMinutes(10));
        var failed = await store.TrialRunAsync("h1", RunStatus.Failed, TimeSpan.FromMinutes(20));

        var claim = await store.Claims().ClaimAsync("h1", _ => store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.Zero), CancellationToken.None);

        Assert.Equal(TrialClaimOutcome.Claimed, claim.Outcome);
        var closed = await store.Store.GetRunAsync(orphan);
        Assert.Equal(RunStatus.Failed, closed.Info.Status);
        Assert.Equal(SegmentationTags.ClaimOrphaned, closed.Data.Tags[SegmentationTags.Claim]);
        Assert.StartsWith("orphaned: no heartbeat since", closed.Data.Tags[SegmentationTags.Error], StringComparison.Ordinal);
        // A fit that failed holds no claim and is not an orphan: it is left as it was, and the trial is redone.
        Assert.False((await store.Store.GetRunAsync(failed)).Data.Tags.ContainsKey(SegmentationTags.Claim));
    }

    [Fact]
    public async Task ClaimAsync_ARivalCreatedBetweenOurChecks_OursIsWithdrawnKilled()
    {
        using var store = await ClaimStore.CreateAsync();
        string? rival = null;

        // The rival's create lands after our before-search and before our own create: our after-search sees it.
        var claim = await store.Claims().ClaimAsync(
            "h1",
            async _ =>
            {
                rival = await store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.Zero);
                return await store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.Zero);
            },
            CancellationToken.None);

        Assert.Equal(new TrialClaim(TrialClaimOutcome.HeldElsewhere, rival!), claim);
        var runs = await store.Store.SearchRunsAsync(new RunSearchRequest([store.ExperimentId], $"tags.`{SegmentationTags.Claim}` = 'lost'"));
        var lost = Assert.Single(runs);
        Assert.Equal(RunStatus.Killed, lost.Info.Status);
        Assert.NotEqual(rival, lost.Info.RunId);
    }

    [Fact]
    public async Task ClaimAsync_SixteenClaimersAtOnce_AtMostOneOwnsAndNoneStaysRunningButTheOwner()
    {
        using var store = await ClaimStore.CreateAsync();
        using var start = new Barrier(16);

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await store.Claims().ClaimAsync("h1", _ => store.TrialRunAsync("h1", RunStatus.Running, TimeSpan.Zero), CancellationToken.None);
        })));

        var owners = claims.Where(c => c.Outcome == TrialClaimOutcome.Claimed).Select(c => c.RunId).ToList();
        Assert.InRange(owners.Count, 0, 1);
        var running = await store.Store.SearchRunsAsync(new RunSearchRequest([store.ExperimentId], "attributes.status = 'RUNNING'"));
        Assert.Equal(owners, running.Select(r => r.Info.RunId));
    }
}
