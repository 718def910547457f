using Segmentation.Runner.Configuration;
using Segmentation.Runner.Selection;
using Segmentation.Runner.Tests.Promotion;
using Segmentation.Tracking.Runs;

namespace Segmentation.Runner.Tests.Selection;

public sealed class TrialSelectorTests : IDisposable
{
    private static readonly ObjectiveConfig Objective = ObjectiveConfig.Default;
    private readonly TrackingSandbox _sandbox = TrackingSandbox.Create();

    [Fact]
    public async Task SelectAsync_NoParentGiven_RanksFinishedTrialsOfTheLatestSweep()
    {
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("old-best", 3, 0.9, "h-old")], startTimeMs: 1_000);
        var (latest, children) = await _sandbox.SeedSweepAsync(
            "exp",
            [
                new TrialSpec("k3", 3, 0.41, "h3"),
                new TrialSpec("k4", 4, 0.47, "h4"),
                new TrialSpec("k5-failed", 5, 0.95, "h5") { Status = RunStatus.Failed },
            ],
            startTimeMs: 2_000);

        var selection = await new TrialSelector(_sandbox.Store).SelectAsync("exp", null, Objective, ConstraintsConfig.None);

        Assert.Equal(latest, selection.ParentRunId);
        Assert.Equal(["k4", "k3"], selection.Leaderboard.Select(r => r.Trial.RunName));
        Assert.Equal(children["k4"], selection.Best!.Trial.RunId);
        Assert.Equal("h4", selection.Best.Trial.TrialHash);
        Assert.Equal(4, selection.Best.Trial.K);
        Assert.Equal("kmeans", selection.Best.Trial.Algorithm);
    }

    [Fact]
    public async Task SelectAsync_ParentGiven_UsesThatSweep()
    {
        var (older, _) = await _sandbox.SeedSweepAsync("exp", [new TrialSpec("old-best", 3, 0.9, "h-old")], startTimeMs: 1_000);
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("new", 3, 0.4, "h-new")], startTimeMs: 2_000);

        var selection = await new TrialSelector(_sandbox.Store).SelectAsync("exp", older, Objective, ConstraintsConfig.None);

        Assert.Equal(older, selection.ParentRunId);
        Assert.Equal("old-best", selection.Best!.Trial.RunName);
        Assert.Single(selection.Leaderboard);
    }

    [Fact]
    public async Task SelectAsync_UnknownExperiment_ThrowsNamingIt()
    {
        var ex = await Assert.ThrowsAsync<SelectionException>(
            () => new TrialSelector(_sandbox.Store).SelectAsync("nope", null, Objective, ConstraintsConfig.None));

        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectAsync_ExperimentWithoutSweep_Throws()
    {
        await _sandbox.Store.GetOrCreateExperimentAsync("empty");

        var ex = await Assert.ThrowsAsync<SelectionException>(
            () => new TrialSelector(_sandbox.Store).SelectAsync("empty", null, Objective, ConstraintsConfig.None));

        Assert.Contains("no sweep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectAsync_UnknownOrForeignParent_Throws()
    {
        var (otherParent, _) = await _sandbox.SeedSweepAsync("other", [new TrialSpec("t", 3, 0.5, "h")]);
        await _sandbox.SeedSweepAsync("exp", [new TrialSpec("t", 3, 0.5, "h")]);
        var selector = new TrialSelector(_sandbox.Store);

        var missing = await Assert.ThrowsAsync<SelectionException>(() => selector.SelectAsync("exp", "0123456789abcdef0123456789abcdef", Objective, ConstraintsConfig.None));
        var foreign = await Assert.ThrowsAsync<SelectionException>(() => selector.SelectAsync("exp", otherParent, Objective, ConstraintsConfig.None));
        var malformed = await Assert.ThrowsAsync<SelectionException>(() => selector.SelectAsync("exp", "x' OR '1'='1", Objective, ConstraintsConfig.None));

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not to 'exp'", foreign.Message, StringComparison.Ordinal);
        Assert.Contains("is not a run id", malformed.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}
