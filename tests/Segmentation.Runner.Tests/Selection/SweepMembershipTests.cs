using Segmentation.Runner.Recording;
using Segmentation.Runner.Selection;
using Segmentation.Runner.Tests.Promotion;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;

namespace Segmentation.Runner.Tests.Selection;

public sealed class SweepMembershipTests : IDisposable
{
    private readonly TrackingSandbox _sandbox = TrackingSandbox.Create();

    [Fact]
    public async Task FinishedTrialsAsync_MixedRuns_KeepsFinishedPlannedTrialsOnThePlansDatasetOncePerHash()
    {
        var experiment = await _sandbox.Store.GetOrCreateExperimentAsync("exp");
        var id = experiment.ExperimentId;
        var oldest = await TrialAsync(id, "a", "h-a", TrackingSandbox.DatasetDigest, RunStatus.Finished, startMs: 10);
        await TrialAsync(id, "a-again", "h-a", TrackingSandbox.DatasetDigest, RunStatus.Finished, startMs: 20);
        await TrialAsync(id, "b-failed", "h-b", TrackingSandbox.DatasetDigest, RunStatus.Failed, startMs: 30);
        await TrialAsync(id, "c-other-data", "h-c", "other-digest", RunStatus.Finished, startMs: 40);
        await TrialAsync(id, "d-unplanned", "h-d", TrackingSandbox.DatasetDigest, RunStatus.Finished, startMs: 50);
        var plan = new SweepPlanRecord("sweep", TrackingSandbox.DatasetDigest, "cfg", ["h-a", "h-b", "h-c"]);

        var members = await new SweepMembership(_sandbox.Store).FinishedTrialsAsync(id, plan, CancellationToken.None);

        Assert.Equal(["h-a"], members.Keys);
        Assert.Equal(oldest, members["h-a"].RunId);
    }

    [Fact]
    public async Task ReadPlanAsync_ParentWithoutPlanArtifact_ThrowsSayingToRunTheSweepAgain()
    {
        var experiment = await _sandbox.Store.GetOrCreateExperimentAsync("exp");
        var legacy = await _sandbox.Store.CreateRunAsync(new CreateRunRequest(
            experiment.ExperimentId, "sweep-legacy", 1, new Dictionary<string, string> { [SegmentationTags.RunKind] = SegmentationTags.RunKindSweep }));

        var ex = await Assert.ThrowsAsync<SelectionException>(
            () => new SweepMembership(_sandbox.Store).ReadPlanAsync(legacy, CancellationToken.None));

        Assert.Contains(SweepMembership.PlanArtifact, ex.Message, StringComparison.Ordinal);
        Assert.Contains("run the sweep again", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPlanAsync_TrialRunGivenAsParent_ThrowsNamingTheRun()
    {
        var (_, children) = await _sandbox.SeedSweepAsync("exp", [new TrialSpec("t", 3, 0.5, "h")]);
        var trial = await _sandbox.Store.GetRunAsync(children["t"]);

        var ex = await Assert.ThrowsAsync<SelectionException>(
            () => new SweepMembership(_sandbox.Store).ReadPlanAsync(trial, CancellationToken.None));

        Assert.Contains("is not a sweep's parent run", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LatestParentAsync_OlderSweepRunAgainLast_IsTheLatest()
    {
        var (older, _) = await _sandbox.SeedSweepAsync("exp", [new TrialSpec("old", 3, 0.5, "h-old")], startTimeMs: 1_000);
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("new", 3, 0.5, "h-new")], startTimeMs: 2_000);
        var experiment = await _sandbox.Store.GetExperimentByNameAsync("exp");
        // The older sweep is resumed and finishes after the newer one did.
        await _sandbox.Store.UpdateRunAsync(older, RunStatus.Running, null);
        await _sandbox.Store.UpdateRunAsync(older, RunStatus.Finished, 5_000);

        var latest = await new SweepMembership(_sandbox.Store).LatestParentAsync(experiment!.ExperimentId, "exp", CancellationToken.None);

        Assert.Equal(older, latest.Info.RunId);
    }

    [Fact]
    public async Task LatestParentAsync_OnlyARunningSweep_ThrowsRatherThanSelectFromAPartialView()
    {
        var experiment = await _sandbox.Store.GetOrCreateExperimentAsync("exp");
        await _sandbox.Store.CreateRunAsync(new CreateRunRequest(
            experiment.ExperimentId, "sweep-running", 1, new Dictionary<string, string> { [SegmentationTags.RunKind] = SegmentationTags.RunKindSweep }));

        var ex = await Assert.ThrowsAsync<SelectionException>(
            () => new SweepMembership(_sandbox.Store).LatestParentAsync(experiment.ExperimentId, "exp", CancellationToken.None));

        Assert.Contains("no sweep that has finished", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();

    private async Task<string> TrialAsync(string experimentId, string name, string hash, string digest, RunStatus status, long startMs)
    {
        var run = await _sandbox.Store.CreateRunAsync(new CreateRunRequest(
            experimentId,
            name,
            startMs,
            new Dictionary<string, string> { [SegmentationTags.RunKind] = SegmentationTags.RunKindTrial, [SegmentationTags.TrialHash] = hash, [SegmentationTags.DatasetDigest] = digest }));
        await _sandbox.Store.UpdateRunAsync(run.Info.RunId, status, startMs + 1);
        return run.Info.RunId;
    }
}
