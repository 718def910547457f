using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Segmentation.Tracking.Tests.Rest.Faults;
using Xunit.Abstractions;

namespace Segmentation.Runner.Tests.Faults;

/// <summary>
/// Regression (issue 11): with two request retries, a trial whose FINISHED update exhausted them and whose FAILED close
/// then exhausted them too stayed RUNNING after a sweep that exited 0, until the next resume's orphan cleanup. The sweep
/// now closes such runs again, with fresh retries, before it closes the parent; only what still fails is left to that
/// cleanup, and it says so.
/// </summary>
public sealed class SweepUnclosedTrialTests(ITestOutputHelper output)
{
    private static readonly MlflowHttpOptions TwoRetries = SweepUnderFaultsTests.Transport with { MaxRetries = 2 };

    [Fact]
    public async Task TrialWhoseFinishAndFailedCloseExhaustTheRetries_IsClosedFailedBeforeTheParent_NothingLeftRunning()
    {
        using var emulator = new MlflowEmulator();
        // Three attempts (two retries) of the first trial's FINISHED update, then three of its FAILED close: each call gives up.
        var refusals = new RunUpdateRefusals(finished: 3, failed: 3);
        using var proxy = new FaultProxy(emulator.BaseUri, 1.0, seed: 1) { Faults = [FaultKind.Unavailable], AppliesToBody = refusals.Applies };
        using var dir = new TempDirectory();
        dir.Write("configs/s.yaml", SweepUnderFaultsTests.Sweep);
        var warnings = new List<string>();

        var summary = await Runner(proxy.BaseUri, warnings).RunAsync(SweepServerGoneTests.Request(dir.Path), null, CancellationToken.None);

        var runs = await SweepServerGoneTests.RunsAsync(emulator);
        output.WriteLine(SweepServerGoneTests.Describe(runs));
        Assert.Equal(6, proxy.InjectedTotal);
        Assert.False(summary.Cancelled);
        Assert.Equal(1, summary.Failed);
        Assert.DoesNotContain(runs, r => r.Info.Status == RunStatus.Running);
        var target = runs.Single(r => r.Info.RunId == refusals.RunId);
        Assert.Equal(RunStatus.Failed, target.Info.Status);
        Assert.Contains("retries are exhausted", target.Data.Tags[SegmentationTags.Error], StringComparison.Ordinal);
        Assert.Equal(2, runs.Count(r => r.Info.Status == RunStatus.Finished && r.Data.Tags.ContainsKey(SegmentationTags.TrialHash)));
        Assert.Equal(RunStatus.Finished, runs.Single(r => !r.Data.Tags.ContainsKey(MlflowTags.ParentRunId)).Info.Status);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task TrialWhoseCloseNeverGetsThrough_IsLeftToTheOrphanCollectorWithAWarning_AndTheResumeRedoesIt()
    {
        using var emulator = new MlflowEmulator();
        var refusals = new RunUpdateRefusals(finished: 3, failed: int.MaxValue);
        using var proxy = new FaultProxy(emulator.BaseUri, 1.0, seed: 1) { Faults = [FaultKind.Unavailable], AppliesToBody = refusals.Applies };
        using var dir = new TempDirectory();
        dir.Write("configs/s.yaml", SweepUnderFaultsTests.Sweep);
        var warnings = new List<string>();

        var first = await Runner(proxy.BaseUri, warnings).RunAsync(SweepServerGoneTests.Request(dir.Path), null, CancellationToken.None);

        Assert.False(first.Cancelled);
        var left = Assert.Single(await SweepServerGoneTests.RunsAsync(emulator), r => r.Info.Status == RunStatus.Running);
        Assert.Equal(refusals.RunId, left.Info.RunId);
        var warning = Assert.Single(warnings);
        output.WriteLine(warning);
        Assert.Contains(left.Info.RunId, warning, StringComparison.Ordinal);
        Assert.Contains("orphans", warning, StringComparison.Ordinal);

        // Faults off: once the run's heartbeat is stale the resume closes it FAILED as an orphan and fits its trial again.
        refusals.Stop();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var resumed = await Runner(proxy.BaseUri, warnings).RunAsync(SweepServerGoneTests.Request(dir.Path), null, CancellationToken.None);

        var runs = await SweepServerGoneTests.RunsAsync(emulator);
        output.WriteLine(SweepServerGoneTests.Describe(runs));
        Assert.Equal((1, 2), (resumed.Ran, resumed.Skipped));
        Assert.DoesNotContain(runs, r => r.Info.Status == RunStatus.Running);
        Assert.Equal(RunStatus.Failed, runs.Single(r => r.Info.RunId == left.Info.RunId).Info.Status);
        var finished = runs.Where(r => r.Info.Status == RunStatus.Finished && r.Data.Tags.ContainsKey(SegmentationTags.TrialHash)).ToList();
        Assert.Equal(3, finished.Select(r => r.Data.Tags[SegmentationTags.TrialHash]).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(3, finished.Count);
        Assert.Single(warnings);
    }

    private static SweepRunner Runner(Uri server, List<string> warnings) =>
        new(_ => SweepUnderFaultsTests.Store(server, TwoRetries), new SyntheticDataSource(), TimeProvider.System)
        {
            Warnings = line =>
            {
                lock (warnings)
                {
                    warnings.Add(line);
                }
            },
        };
}
