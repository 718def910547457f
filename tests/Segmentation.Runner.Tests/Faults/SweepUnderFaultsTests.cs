using System.Globalization;
using System.Text;
using Segmentation.Core.Errors;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Promotion;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Tags;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Segmentation.Tracking.Tests.Rest.Faults;
using Xunit.Abstractions;

namespace Segmentation.Runner.Tests.Faults;

/// <summary>
/// Whole sweeps and promotions through <see cref="FaultProxy"/> in front of the loopback MLflow emulator (issue 11): every
/// sweep completes or fails as unreachable (exit 3), and no run, version or alias is duplicated, orphaned or left RUNNING.
/// </summary>
public sealed class SweepUnderFaultsTests(ITestOutputHelper output)
{
    internal const string Experiment = "faults";
    internal const string Sweep = """
        experiment:
          name: faults
        search:
          scalers: [standard]
          algorithms:
            kmeans: {k: {from: 2, to: 4}, n_init: 1}
        constraints: {min_k: 2}
        """;

    // Small backoffs keep CI short; the attempt timeout sits below the proxy's slow delay so a slow answer is a timed-out attempt.
    internal static readonly MlflowHttpOptions Transport = new()
    {
        MaxRetries = 7,
        BackoffFactor = TimeSpan.FromMilliseconds(2),
        BackoffJitter = TimeSpan.Zero,
        RequestTimeout = TimeSpan.FromMilliseconds(800),
        TotalTimeout = TimeSpan.FromSeconds(30),
    };

    internal static readonly TimeSpan SlowDelay = TimeSpan.FromMilliseconds(1200);

    [Fact]
    public async Task Sweeps_At10_30_50PercentFaults_CompleteOrFailUnreachable_NothingDuplicatedOrLeftRunning()
    {
        var rows = new List<MatrixRow>();
        foreach (var retries in new[] { 7, 2 })
        {
            foreach (var rate in new[] { 0.1, 0.3, 0.5 })
            {
                for (var seed = 1; seed <= 2; seed++)
                {
                    rows.Add(await RunCellAsync(rate, seed, Transport with { MaxRetries = retries }));
                }
            }
        }

        output.WriteLine(MatrixRow.Table(rows));
        // With two retries instead of seven, 30 % and 50 % faults exhaust the retries of about 1 request in 37 and in 8:
        // sweeps fail partway, the exit-3 path run for real.
        Assert.Contains(rows, r => r.Unreachable);
        Assert.All(rows, r => Assert.True(r.Completed || r.Unreachable, $"{r}: {r.Error}"));
        Assert.All(rows, r => Assert.Equal((0, 0), (r.DuplicatedRuns, r.DuplicatedTrials)));
        Assert.All(rows, r => Assert.True(r.Injected > 0, r.ToString()));
        // A completed sweep closed every run it created: a trial FINISHED, or FAILED alone when its logging outlasted the
        // retries (the sweep goes on), its close retried before the parent closed — never RUNNING.
        Assert.All(rows.Where(r => r.Completed), r => Assert.Equal((0, 3), (r.Running, r.FinishedTrials + r.FailedTrials)));
        Assert.All(rows.Where(r => r.Completed), r => Assert.True(r.FinishedTrials > 0, r.ToString()));
        // An exit-3 sweep is resumed with the faults off: it closes what the failure left RUNNING and redoes only what is missing.
        Assert.All(rows.Where(r => r.Unreachable), r => Assert.Equal((true, 0, 0, 3), (r.Resumed!.Completed, r.Resumed.Running, r.Resumed.DuplicatedTrials, r.Resumed.FinishedTrials)));
    }

    [Fact]
    public async Task Sweep_CancelledWhileTheServerHangs_StopsWithinSecondsAndClosesWhatItCan()
    {
        // Issue 11: "Ctrl-C is ignored for over 15 minutes". Past the first requests the server acts but never answers in time.
        using var emulator = new MlflowEmulator();
        var seen = 0;
        using var proxy = new FaultProxy(emulator.BaseUri, 1.0, seed: 7)
        {
            Faults = [FaultKind.SlowResponse],
            Applies = _ => Interlocked.Increment(ref seen) > 12,
            SlowDelay = TimeSpan.FromMinutes(1),
        };
        using var dir = new TempDirectory();
        dir.Write("configs/s.yaml", Sweep);
        using var cancel = new CancellationTokenSource();
        var transport = Transport with { RequestTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromMinutes(2) };
        var sweep = Runner(proxy.BaseUri, transport).RunAsync(Request(dir.Path), null, cancel.Token);
        while (proxy.InjectedTotal == 0 && !sweep.IsCompleted)
        {
            await Task.Delay(20);
        }

        await Task.Delay(300);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await cancel.CancelAsync();
        try
        {
            Assert.True((await sweep).Cancelled);
        }
        catch (OperationCanceledException)
        {
            // Cancelled before the parent run existed: nothing to close.
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cancelled with the server hanging: stopped {watch.Elapsed.TotalSeconds:0.00} s after the cancel ({proxy.Requests} requests, {proxy.InjectedTotal} held)"));

        // Each uncancellable closing call gets one attempt of at most 1 s (MlflowHttpOptions.WindingDownTimeout), not 30 s plus retries.
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
    }

    private static async Task<MatrixRow> RunCellAsync(double rate, int seed, MlflowHttpOptions transport)
    {
        using var emulator = new MlflowEmulator();
        using var dir = new TempDirectory();
        dir.Write("configs/s.yaml", Sweep);
        var row = new MatrixRow(rate, seed, transport.MaxRetries);
        // The faults end with the proxy (its held and half-forwarded connections closed): what follows is the server back.
        using (var proxy = new FaultProxy(emulator.BaseUri, rate, seed) { SlowDelay = SlowDelay })
        {
            try
            {
                await Runner(proxy.BaseUri, transport).RunAsync(Request(dir.Path), null, CancellationToken.None);
                row = row with { Completed = true };
            }
            catch (Exception ex) when (ex is SegmentationException { Kind: ErrorKind.TrackingUnreachable })
            {
                row = row with { Unreachable = true, Error = ex.Message };
            }
            catch (Exception ex)
            {
                row = row with { Error = ex.GetType().Name + ": " + ex.Message };
            }

            row = await CountAsync(emulator, row with { Requests = proxy.Requests, Injected = proxy.InjectedTotal });
        }

        if (!row.Unreachable)
        {
            return row;
        }

        // The resume talks to the server directly (faults off) and, judging heartbeats silent for 1 s as orphans, closes
        // whatever the failed process left RUNNING. It runs as a user's re-run does, with a patient transport: the test
        // assemblies run in parallel, and on 2 busy cores the matrix's 800 ms attempts with 2 retries can time out on a
        // healthy server (one CI run: get-by-name timed out 3 times).
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var resumed = new MatrixRow(rate, seed, transport.MaxRetries);
        try
        {
            await Runner(emulator.BaseUri, Transport with { RequestTimeout = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromMinutes(2) })
                .RunAsync(SweepServerGoneTests.Request(dir.Path), null, CancellationToken.None);
            resumed = resumed with { Completed = true };
        }
        catch (Exception ex)
        {
            resumed = resumed with { Error = ex.GetType().Name + ": " + ex.Message };
        }

        return row with { Resumed = await CountAsync(emulator, resumed) };
    }

    // Counted on the server's own store, past the proxy.
    private static async Task<MatrixRow> CountAsync(MlflowEmulator emulator, MatrixRow row)
    {
        var experiment = await emulator.Store.GetOrCreateExperimentAsync(Experiment);
        var runs = await emulator.Store.SearchRunsAsync(new RunSearchRequest([experiment.ExperimentId], ViewType: ViewType.All));
        var byRequest = runs.Where(r => r.Data.Tags.ContainsKey(SegmentationTags.ClientRequestId)).GroupBy(r => r.Data.Tags[SegmentationTags.ClientRequestId]);
        var finishedByTrial = runs
            .Where(r => r.Info.Status == RunStatus.Finished && r.Data.Tags.ContainsKey(SegmentationTags.TrialHash))
            .GroupBy(r => r.Data.Tags[SegmentationTags.TrialHash])
            .ToList();
        return row with
        {
            Runs = runs.Count,
            FinishedTrials = finishedByTrial.Count,
            FailedTrials = runs
                .Where(r => r.Info.Status == RunStatus.Failed && r.Data.Tags.ContainsKey(SegmentationTags.TrialHash))
                .Select(r => r.Data.Tags[SegmentationTags.TrialHash])
                .Distinct()
                .Count(hash => finishedByTrial.All(g => g.Key != hash)),
            DuplicatedRuns = byRequest.Sum(g => g.Count() - 1),
            DuplicatedTrials = finishedByTrial.Sum(g => g.Count() - 1),
            Running = runs.Count(r => r.Info.Status == RunStatus.Running),
            RunningParents = runs.Count(r => r.Info.Status == RunStatus.Running && !r.Data.Tags.ContainsKey(MlflowTags.ParentRunId)),
            Orphaned = runs.Count(r => r.Data.Tags.GetValueOrDefault(SegmentationTags.Claim) == SegmentationTags.ClaimOrphaned),
        };
    }

    internal static SweepRunner Runner(Uri server, MlflowHttpOptions? transport = null) => new(_ => Store(server, transport), new SyntheticDataSource(), TimeProvider.System);

    internal static RestTrackingStore Store(Uri server, MlflowHttpOptions? transport = null) =>
        new(new MlflowHttpClient(new MlflowClientSettings(server) { Http = transport ?? Transport }, TimeProvider.System), TimeProvider.System);

    internal static SweepRequest Request(string directory) =>
        new(new SweepConfigRequest("configs/s.yaml", null, directory, _ => null), null, MaxParallel: 2);

    private sealed record MatrixRow(double Rate, int Seed, int Retries)
    {
        public bool Completed { get; init; }

        public bool Unreachable { get; init; }

        public string? Error { get; init; }

        public int Requests { get; init; }

        public int Injected { get; init; }

        public int Runs { get; init; }

        public int FinishedTrials { get; init; }

        public int FailedTrials { get; init; }

        public int DuplicatedRuns { get; init; }

        public int DuplicatedTrials { get; init; }

        public int Running { get; init; }

        public int RunningParents { get; init; }

        // Runs closed by an orphan collector (the resume's, or a claim's), tagged segmentation.claim=orphaned.
        public int Orphaned { get; init; }

        // The resume (faults off) of a sweep that failed with exit 3.
        public MatrixRow? Resumed { get; init; }

        public static string Table(IReadOnlyList<MatrixRow> rows)
        {
            var text = new StringBuilder("retries rate seed requests injected outcome   runs finished failed dup-runs dup-trials running (parents) | resume: outcome running orphaned dup-trials finished\n");
            foreach (var r in rows)
            {
                var outcome = r.Completed ? "completed" : r.Unreachable ? "exit 3" : "OTHER";
                text.Append(CultureInfo.InvariantCulture, $"{r.Retries,7} {r.Rate,4:0%} {r.Seed,4} {r.Requests,8} {r.Injected,8} {outcome,-9} {r.Runs,4} {r.FinishedTrials,8} {r.FailedTrials,6} {r.DuplicatedRuns,8} {r.DuplicatedTrials,10} {r.Running,7} ({r.RunningParents})");
                if (r.Resumed is { } resumed)
                {
                    text.Append(CultureInfo.InvariantCulture, $"       | {(resumed.Completed ? "completed" : "OTHER"),-9} {resumed.Running,7} {resumed.Orphaned,8} {resumed.DuplicatedTrials,10} {resumed.FinishedTrials,8}");
                }

                text.Append('\n');
            }

            return text.ToString();
        }
    }
}
