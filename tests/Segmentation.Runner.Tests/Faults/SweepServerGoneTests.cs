using System.Globalization;
using Segmentation.Core.Errors;
using Segmentation.Runner.Claims;
using Segmentation.Runner.Configuration;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Segmentation.Tracking.Tests.Rest.Faults;
using Xunit.Abstractions;

namespace Segmentation.Runner.Tests.Faults;

/// <summary>
/// Issue 11: a sweep whose server stops answering for good mid-sweep exits 3 (unreachable) and leaves nothing of it
/// RUNNING — closed at once where the closing calls still get through, or by the next resume's orphan cleanup where they
/// do not — and no temporary file behind.
/// </summary>
public sealed class SweepServerGoneTests(ITestOutputHelper output)
{
    private const string CreateRun = "POST /api/2.0/mlflow/runs/create";

    // Heartbeats every 0.2 s and orphans after 1 s, so the resume below does not wait the 5-minute default.
    private static readonly Dictionary<string, string> FastClaims = new()
    {
        [ClaimSettings.HeartbeatVariable] = "0.2",
        [ClaimSettings.TimeoutVariable] = "1",
    };

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ServerFailsForGoodAfterARunIsCreated_ExitsUnreachable_AndEveryRunIsClosed(int failAfterCreate)
    {
        // Only the closing calls (set-tag, update) still get through: the one case where this process can close its runs,
        // and must. The create that trips the outage succeeds, so the run exists while its claim's after-search fails —
        // the run TrialRecorder used to leave RUNNING.
        using var emulator = new MlflowEmulator();
        var outage = new Outage(failAfterCreate, op => !op.EndsWith("/runs/update", StringComparison.Ordinal) && !op.EndsWith("/runs/set-tag", StringComparison.Ordinal));
        using var proxy = new FaultProxy(emulator.BaseUri, 1.0, seed: failAfterCreate) { Faults = [FaultKind.ConnectionReset], Applies = outage.Applies };
        using var dir = new TempDirectory();
        dir.Write("configs/s.yaml", SweepUnderFaultsTests.Sweep);
        var temp = TempFiles.Snapshot();

        var error = await Assert.ThrowsAnyAsync<SegmentationException>(() => Sweep(proxy.BaseUri, dir.Path));

        Assert.Equal(ErrorKind.TrackingUnreachable, error.Kind);
        Assert.True(outage.Down, "the outage never started: the sweep failed for another reason");
        var runs = await RunsAsync(emulator);
        output.WriteLine(Describe(runs));
        Assert.Contains(runs, r => r.Data.Tags.ContainsKey(MlflowTags.ParentRunId));
        Assert.DoesNotContain(runs, r => r.Info.Status == RunStatus.Running);
        Assert.All(
            runs.Where(r => r.Info.Status is RunStatus.Failed or RunStatus.Killed),
            r => Assert.True(r.Data.Tags.ContainsKey(SegmentationTags.Error), $"run {r.Info.RunName} closed {r.Info.Status} without a reason"));
        Assert.Empty(await temp.LeakedAsync());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task ServerGoneEvenForTheCloses_ExitsUnreachable_AndTheResumeClosesWhatWasLeftRunning(int failAfterCreate)
    {
        using var emulator = new MlflowEmulator();
        var outage = new Outage(failAfterCreate, _ => true);
        using var proxy = new FaultProxy(emulator.BaseUri, 1.0, seed: failAfterCreate) { Faults = [FaultKind.ConnectionReset], Applies = outage.Applies };
        using var dir = new TempDirectory();
        dir.Write("configs/s.yaml", SweepUnderFaultsTests.Sweep);
        var temp = TempFiles.Snapshot();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<SegmentationException>(() => Sweep(proxy.BaseUri, dir.Path));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gave up {watch.Elapsed.TotalSeconds:0.00} s after starting ({outage.Faulted} requests refused)"));

        Assert.Equal(ErrorKind.TrackingUnreachable, error.Kind);
        var left = (await RunsAsync(emulator)).Where(r => r.Info.Status == RunStatus.Running).ToList();
        output.WriteLine("left RUNNING by the outage: " + string.Join(", ", left.Select(r => r.Info.RunName)));
        // The parent at least: nothing could close it.
        Assert.NotEmpty(left);

        // The server is back; once the dead process's heartbeats are stale the resume collects its orphans and completes.
        outage.End();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var summary = await SweepUnderFaultsTests.Runner(proxy.BaseUri).RunAsync(Request(dir.Path), null, CancellationToken.None);

        var runs = await RunsAsync(emulator);
        output.WriteLine(Describe(runs));
        Assert.False(summary.Cancelled);
        Assert.DoesNotContain(runs, r => r.Info.Status == RunStatus.Running);
        var finished = runs.Where(r => r.Info.Status == RunStatus.Finished && r.Data.Tags.ContainsKey(SegmentationTags.TrialHash)).ToList();
        Assert.Equal(3, finished.Count);
        Assert.Equal(3, finished.Select(r => r.Data.Tags[SegmentationTags.TrialHash]).Distinct(StringComparer.Ordinal).Count());
        foreach (var run in left)
        {
            var now = runs.Single(r => r.Info.RunId == run.Info.RunId);
            // The parent is adopted and finished by the resume; a trial run is closed as an orphan, with the reason.
            if (now.Data.Tags.ContainsKey(MlflowTags.ParentRunId))
            {
                Assert.Equal(RunStatus.Failed, now.Info.Status);
                Assert.True(now.Data.Tags.ContainsKey(SegmentationTags.Error), $"orphan {now.Info.RunName} closed without a reason");
            }
            else
            {
                Assert.Equal(RunStatus.Finished, now.Info.Status);
            }
        }

        Assert.Empty(await temp.LeakedAsync());
    }

    [Fact]
    public async Task CancelledAsTheServerGoes_ReturnsCancelled_NotUnreachable()
    {
        // Ctrl-C just as the server goes: marking the parent KILLED cannot get through, and must not turn the cancellation
        // (exit 130) into an unreachable-server failure — the resume adopts the parent, as above.
        using var emulator = new MlflowEmulator();
        using var cancel = new CancellationTokenSource();
        var outage = new Outage(2, _ => true) { Starting = () => _ = Task.Run(cancel.Cancel) };
        using var proxy = new FaultProxy(emulator.BaseUri, 1.0, seed: 5) { Faults = [FaultKind.ConnectionReset], Applies = outage.Applies };
        using var dir = new TempDirectory();
        dir.Write("configs/s.yaml", SweepUnderFaultsTests.Sweep);

        var summary = await SweepUnderFaultsTests.Runner(proxy.BaseUri).RunAsync(Request(dir.Path), null, cancel.Token);

        Assert.True(summary.Cancelled);
        Assert.True(outage.Faulted > 0, "the closing calls never met the outage");
        output.WriteLine(Describe(await RunsAsync(emulator)));
    }

    private static Task<SweepSummary> Sweep(Uri server, string directory) =>
        SweepUnderFaultsTests.Runner(server).RunAsync(Request(directory), null, CancellationToken.None);

    internal static SweepRequest Request(string directory) =>
        new(new SweepConfigRequest("configs/s.yaml", null, directory, name => FastClaims.GetValueOrDefault(name)), null, MaxParallel: 2);

    // Counted on the server's own store, past the proxy.
    internal static async Task<IReadOnlyList<Run>> RunsAsync(MlflowEmulator emulator)
    {
        var experiment = await emulator.Store.GetOrCreateExperimentAsync(SweepUnderFaultsTests.Experiment);
        return await emulator.Store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId], ViewType: ViewType.All));
    }

    internal static string Describe(IEnumerable<Run> runs) =>
        string.Join('\n', runs.OrderBy(r => r.Info.StartTimeMs).Select(r =>
            $"{r.Info.RunName,-40} {r.Info.Status,-9} {r.Data.Tags.GetValueOrDefault(SegmentationTags.Error)}"));

    // The server "dies" right after the n-th runs/create reached it: from then on every request the filter picks is refused.
    private sealed class Outage(int failAfterCreate, Func<string, bool> refused)
    {
        private int _creates;
        private int _down;
        private int _ended;
        private int _faulted;

        public bool Down => Volatile.Read(ref _down) == 1;

        public int Faulted => Volatile.Read(ref _faulted);

        /// <summary>Called once, as the outage starts.</summary>
        public Action? Starting { get; init; }

        public void End() => Volatile.Write(ref _ended, 1);

        public bool Applies(string operation)
        {
            if (Volatile.Read(ref _ended) == 1)
            {
                return false;
            }

            if (Down)
            {
                var hit = refused(operation);
                if (hit)
                {
                    Interlocked.Increment(ref _faulted);
                }

                return hit;
            }

            if (operation == CreateRun && Interlocked.Increment(ref _creates) == failAfterCreate)
            {
                Volatile.Write(ref _down, 1);
                Starting?.Invoke();
            }

            return false;
        }
    }

    // The sweep's downloads go through files in the temp folder (the plan, the best trial's segments, the REST store's
    // write-then-rename): none may outlive a failed sweep. Other tests write such files for milliseconds, so a new file
    // counts only if it is still there after a pause.
    private sealed class TempFiles(HashSet<string> before)
    {
        private static readonly string[] Prefixes = ["segment-plan-", "segmentation-", ".segment-plan-", ".segmentation-"];

        public static TempFiles Snapshot() => new([.. Ours()]);

        public async Task<List<string>> LeakedAsync()
        {
            var added = Ours().Where(f => !before.Contains(f)).ToList();
            if (added.Count == 0)
            {
                return added;
            }

            // The temp folder is shared with the tests running beside this one (other classes, other assemblies), whose
            // model downloads (ModelFolder.LoadAsync) come and go there: what is ours and leaked is still there when every
            // such in-flight entry has had time to go, on a loaded machine too.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
                added = [.. added.Where(Path.Exists)];
            }
            while (added.Count > 0 && watch.Elapsed < TimeSpan.FromSeconds(15));

            return added;
        }

        private static IEnumerable<string> Ours() =>
            Directory.EnumerateFileSystemEntries(Path.GetTempPath()).Where(f => Prefixes.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)));
    }
}
