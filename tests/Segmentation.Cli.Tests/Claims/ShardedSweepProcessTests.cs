using System.Globalization;
using System.Text.Json;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tags;
using Segmentation.Tracking.Tests.Rest.Emulator;
using Segmentation.Tracking.Tests.Rest.Faults;
using Xunit.Abstractions;

namespace Segmentation.Cli.Tests.Claims;

/// <summary>
/// Sharded and concurrent sweeps as they run on a CI matrix or a Kubernetes Indexed Job: real CLI processes started at
/// once against one loopback MLflow server (or one SQLite store), killed with SIGKILL and re-run.
/// </summary>
/// <remarks>One class, so its tests run one after another: each already starts up to eight processes on the machine's cores.</remarks>
public sealed class ShardedSweepProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly ShardedSweepFarm _farm = new();
    private readonly ITestOutputHelper _output;

    public ShardedSweepProcessTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _farm.Dispose();

    private static async Task<int> FinishedTrialsAsync(MlflowEmulator server) =>
        await server.Store.GetExperimentByNameAsync(ShardedSweepFarm.Experiment) is { } experiment
            ? (await server.Store.SearchRunsAsync(new Segmentation.Tracking.Runs.RunSearchRequest(
                [experiment.ExperimentId], $"attributes.status = 'FINISHED' AND tags.`{SegmentationTags.RunKind}` = '{SegmentationTags.RunKindTrial}'"))).Count
            : 0;

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public async Task Shards_StartedAtOnceAgainstServer_OneParentEachTrialFinishedOnceAndPromoteSelectsAcrossShards(int shards)
    {
        using var server = new MlflowEmulator();
        var uri = server.BaseUri.ToString().TrimEnd('/');

        var processes = Enumerable.Range(1, shards)
            .Select(i => _farm.Start(null, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri, "--shard", string.Create(CultureInfo.InvariantCulture, $"{i}/{shards}"), "--json"))
            .ToList();
        foreach (var process in processes)
        {
            var (code, _, error) = await process.WaitAsync(Timeout);
            Assert.True(code == ExitCodes.Success, error);
        }

        var (finishCode, _, finishError) = await _farm.RunAsync("sweep", ShardedSweepFarm.Config, "--tracking-uri", uri, "--finish", "--shards", shards.ToString(CultureInfo.InvariantCulture));
        Assert.True(finishCode == ExitCodes.Success, finishError);
        var (promoteCode, _, promoteError) = await _farm.RunAsync("promote", "--config", ShardedSweepFarm.Config, "--tracking-uri", uri);
        Assert.True(promoteCode == ExitCodes.Success, promoteError);

        var census = await ShardedSweepFarm.CensusAsync(server.Store);
        census.AssertExactlyOnce();
        Assert.Equal(Segmentation.Tracking.Runs.RunStatus.Finished, census.Parents[0].Info.Status);
        // The best over every shard's trials, not over one shard's share.
        var best = census.FinishedTrials.MaxBy(r => r.Data.Metrics["silhouette"].Value)!;
        var champion = await server.Store.GetModelVersionByAliasAsync("claims-farm", "champion");
        Assert.Equal(best.Info.RunId, champion!.RunId);
        Assert.Equal(best.Info.RunId, census.Parents[0].Data.Tags[SegmentationTags.BestRunId]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task IdenticalSweeps_StartedAtOnceAgainstServer_SplitTheWorkEachTrialFinishedOnce(int sweeps)
    {
        using var server = new MlflowEmulator();
        var uri = server.BaseUri.ToString().TrimEnd('/');

        var processes = Enumerable.Range(0, sweeps)
            .Select(_ => _farm.Start(null, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri, "--json"))
            .ToList();
        var ran = 0;
        foreach (var process in processes)
        {
            var (code, output, error) = await process.WaitAsync(Timeout);
            Assert.True(code == ExitCodes.Success, error);
            using var json = JsonDocument.Parse(output);
            ran += json.RootElement.GetProperty("ran").GetInt32();
        }

        (await ShardedSweepFarm.CensusAsync(server.Store)).AssertExactlyOnce();
        // Together they ran the plan once: no process repeated a trial another one finished.
        Assert.Equal(ShardedSweepFarm.PlannedTrials, ran);
    }

    [Fact]
    public async Task FourProcesses_SharingOneSqliteStore_TwoShardsAndTwoIdenticalSweeps_EachTrialFinishedOnce()
    {
        var database = Path.Combine(Path.GetTempPath(), "seg-claims-" + Guid.NewGuid().ToString("N"), "mlflow.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var uri = "sqlite:///" + database;
        try
        {
            var processes = new[]
            {
                _farm.Start(null, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri, "--shard", "1/2"),
                _farm.Start(null, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri, "--shard", "2/2"),
                _farm.Start(null, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri),
                _farm.Start(null, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri),
            };
            foreach (var process in processes)
            {
                var (code, output, error) = await process.WaitAsync(Timeout);
                Assert.True(code == ExitCodes.Success, output + error);
            }

            using var store = SqliteTrackingStore.Open(database, TimeProvider.System);
            var census = await ShardedSweepFarm.CensusAsync(store);
            census.AssertExactlyOnce();
            // The identical sweeps split the work rather than repeat it: every process that ran trials ran different ones.
            Assert.Equal(ShardedSweepFarm.PlannedTrials, census.FinishedTrials.Count);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        }
    }

    [Fact]
    public async Task KilledShard_ReRunByItsIndex_NothingLostOrDuplicatedAndNoneRunning()
    {
        using var server = new MlflowEmulator();
        var uri = server.BaseUri.ToString().TrimEnd('/');

        // One trial at a time, frozen once it created its fourth (of eight) trial run, then killed: halfway, whatever the load.
        using var gateway = new StallingGateway(server, trialCreates: 4);
        var doomed = _farm.Start(null, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", gateway.Uri, "--shard", "1/2", "--max-parallel", "1");
        var other = _farm.Start(null, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri, "--shard", "2/2", "--max-parallel", "1");
        await gateway.Stalled.WaitAsync(Timeout);
        doomed.KillHard();
        var (otherCode, _, otherError) = await other.WaitAsync(Timeout);
        Assert.True(otherCode == ExitCodes.Success, otherError);
        var afterKill = await ShardedSweepFarm.CensusAsync(server.Store);
        Assert.True(afterKill.FinishedPerHash.Count < ShardedSweepFarm.PlannedTrials, "the kill came too late to test anything");
        // Finishing now would select from a partial view: refused, saying which shard to re-run.
        var (finishCode, _, finishError) = await _farm.RunAsync("sweep", ShardedSweepFarm.Config, "--tracking-uri", uri, "--finish", "--shards", "2");
        Assert.Equal(ExitCodes.UsageOrDataError, finishCode);
        Assert.Contains("is not done", finishError, StringComparison.Ordinal);
        Assert.Equal(Segmentation.Tracking.Runs.RunStatus.Running, (await ShardedSweepFarm.CensusAsync(server.Store)).Parents[0].Info.Status);

        // The re-run of index 1 (same folder, as a restarted pod): skips what its predecessor finished, takes over its orphan.
        var (code, output, error) = await _farm.Start(null, 0, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri, "--shard", "1/2", "--json").WaitAsync(Timeout);
        Assert.True(code == ExitCodes.Success, error);

        var census = await ShardedSweepFarm.CensusAsync(server.Store);
        census.AssertExactlyOnce();
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("skipped").GetInt32() > 0, output);
        // The trial the killed process left RUNNING was closed FAILED as an orphan, with the reason, and redone.
        var orphan = Assert.Single(census.All, r => r.Data.Tags.GetValueOrDefault(SegmentationTags.Claim) == SegmentationTags.ClaimOrphaned);
        Assert.Equal(Segmentation.Tracking.Runs.RunStatus.Failed, orphan.Info.Status);
        Assert.StartsWith("orphaned: no heartbeat since", orphan.Data.Tags[SegmentationTags.Error], StringComparison.Ordinal);
        // The last shard to end saw every trial done and closed the parent.
        Assert.Equal(Segmentation.Tracking.Runs.RunStatus.Finished, census.Parents[0].Info.Status);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    public async Task KilledAtRandomTrialCount_Resumed_AllFinishedOnceNoneRunning(int seed)
    {
        using var server = new MlflowEmulator();
        var uri = server.BaseUri.ToString().TrimEnd('/');
        var killAfter = new Random(seed).Next(1, ShardedSweepFarm.PlannedTrials - 2);
        using var gateway = new StallingGateway(server, trialCreates: killAfter + 1);

        var doomed = _farm.Start(null, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", gateway.Uri, "--max-parallel", "1");
        await gateway.Stalled.WaitAsync(Timeout);
        doomed.KillHard();
        await doomed.WaitAsync(Timeout);

        Assert.Equal(killAfter, (await ShardedSweepFarm.CensusAsync(server.Store)).FinishedTrials.Count);

        var (code, _, error) = await _farm.Start(null, 0, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri).WaitAsync(Timeout);

        Assert.True(code == ExitCodes.Success, error);
        (await ShardedSweepFarm.CensusAsync(server.Store)).AssertExactlyOnce();
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(41)]
    public async Task MainJobSweep_KilledAfterASeededRandomNumberOfFinishedTrials_Resumed_88FinishedOnceNoneRunning(int seed)
    {
        // Issue 11: "kill -9 at random trial counts (several seeds) then resume: 88 FINISHED, 0 duplicated, 0 RUNNING".
        // The real CLI at its default parallelism, killed once the store shows the seeded number of FINISHED trials.
        using var server = new MlflowEmulator();
        var uri = server.BaseUri.ToString().TrimEnd('/');
        var killAfter = new Random(seed).Next(1, ShardedSweepFarm.MainJobTrials - 8);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var doomed = _farm.Start(null, null, "sweep", ShardedSweepFarm.MainJobConfig, "--tracking-uri", uri);
        var finished = 0;
        while ((finished = await FinishedTrialsAsync(server)) < killAfter)
        {
            Assert.False(doomed.HasExited, $"the sweep exited before {killAfter} trials finished: {doomed.Output}");
            Assert.True(watch.Elapsed < Timeout, $"{finished} of {killAfter} trials finished within {Timeout}");
            await Task.Delay(10);
        }

        doomed.KillHard();
        await doomed.WaitAsync(Timeout);
        var afterKill = await ShardedSweepFarm.CensusAsync(server.Store);
        var killedAt = watch.Elapsed;
        Assert.True(afterKill.FinishedTrials.Count < ShardedSweepFarm.MainJobTrials, "the kill came too late to test anything");

        var (code, _, error) = await _farm.Start(null, 0, "sweep", ShardedSweepFarm.MainJobConfig, "--tracking-uri", uri).WaitAsync(Timeout);

        Assert.True(code == ExitCodes.Success, error);
        var census = await ShardedSweepFarm.CensusAsync(server.Store);
        census.AssertExactlyOnce(ShardedSweepFarm.MainJobTrials);
        Assert.Equal(Segmentation.Tracking.Runs.RunStatus.Finished, census.Parents[0].Info.Status);
        // What the kill left RUNNING: the parent (adopted and finished by the resume) and trial runs, closed FAILED as orphans.
        Assert.All(
            afterKill.Running.Where(r => r.Info.RunId != census.Parents[0].Info.RunId).Select(r => census.All.Single(now => now.Info.RunId == r.Info.RunId)),
            r => Assert.Equal(
                (Segmentation.Tracking.Runs.RunStatus.Failed, SegmentationTags.ClaimOrphaned),
                (r.Info.Status, r.Data.Tags.GetValueOrDefault(SegmentationTags.Claim))));
        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"seed {seed}: killed at {afterKill.FinishedTrials.Count} FINISHED (target {killAfter}) after {killedAt.TotalSeconds:0.0} s, {afterKill.Running.Count} RUNNING left; resumed to 88 in {(watch.Elapsed - killedAt).TotalSeconds:0.0} s"));
    }

    [Fact]
    public async Task Sweep_TrialCloseNeverGetsThrough_Exits0SayingOnStderrItIsLeftToTheOrphanCollector_TheResumeRedoesIt()
    {
        // Two retries, and one trial's FINISHED update and every FAILED close of it refused: the sweep completes, and the one
        // run it could not close is named on stderr rather than left RUNNING in silence.
        using var server = new MlflowEmulator();
        var uri = server.BaseUri.ToString().TrimEnd('/');
        var refusals = new RunUpdateRefusals(finished: 3, failed: int.MaxValue);
        using var proxy = new FaultProxy(server.BaseUri, 1.0, seed: 1) { Faults = [FaultKind.Unavailable], AppliesToBody = refusals.Applies };
        var twoQuickRetries = new Dictionary<string, string>
        {
            [MlflowHttpOptions.MaxRetriesVariable] = "2",
            [MlflowHttpOptions.BackoffFactorVariable] = "0.002",
            [MlflowHttpOptions.BackoffJitterVariable] = "0",
        };

        var (code, _, error) = await _farm.Start(twoQuickRetries, null, "sweep", ShardedSweepFarm.Config, "--tracking-uri", proxy.BaseUri.ToString().TrimEnd('/'))
            .WaitAsync(Timeout);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains($"warning: 1 trial run(s) could not be closed even with fresh retries ({refusals.RunId}); they stay RUNNING until a resume or `segment runs gc`", error, StringComparison.Ordinal);
        Assert.Equal(refusals.RunId, Assert.Single((await ShardedSweepFarm.CensusAsync(server.Store)).Running).Info.RunId);

        var (resumeCode, _, resumeError) = await _farm.Start(null, 0, "sweep", ShardedSweepFarm.Config, "--tracking-uri", uri).WaitAsync(Timeout);

        Assert.True(resumeCode == ExitCodes.Success, resumeError);
        Assert.DoesNotContain("could not be closed", resumeError, StringComparison.Ordinal);
        (await ShardedSweepFarm.CensusAsync(server.Store)).AssertExactlyOnce();
    }

    [Fact]
    public async Task ShardAuto_KubernetesIndexedJobVariables_EachPodRunsItsShard()
    {
        var database = Path.Combine(Path.GetTempPath(), "seg-claims-" + Guid.NewGuid().ToString("N"), "mlflow.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        try
        {
            // What the Indexed Job gives each pod: JOB_COMPLETION_INDEX 0..n-1, and the count from the manifest's env.
            var pods = Enumerable.Range(0, 2).Select(index => _farm.Start(
                new Dictionary<string, string>
                {
                    ["JOB_COMPLETION_INDEX"] = index.ToString(CultureInfo.InvariantCulture),
                    ["SEGMENTATION_SHARDS"] = "2",
                    ["MLFLOW_TRACKING_URI"] = "sqlite:///" + database,
                },
                null,
                "sweep",
                ShardedSweepFarm.Config,
                "--shard",
                "auto",
                "--json")).ToList();
            var shards = new List<string>();
            foreach (var pod in pods)
            {
                var (code, output, error) = await pod.WaitAsync(Timeout);
                Assert.True(code == ExitCodes.Success, error);
                using var json = JsonDocument.Parse(output);
                shards.Add(json.RootElement.GetProperty("shard").GetString()!);
                Assert.Equal(ShardedSweepFarm.PlannedTrials / 2, json.RootElement.GetProperty("shard_trials").GetInt32());
            }

            Assert.Equal(["1/2", "2/2"], shards);
            using var store = SqliteTrackingStore.Open(database, TimeProvider.System);
            (await ShardedSweepFarm.CensusAsync(store)).AssertExactlyOnce();
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        }
    }

    [Fact]
    public async Task ShardAuto_WithoutTheIndexVariable_ExitCode2NamingIt()
    {
        var (code, _, error) = await _farm.RunAsync("sweep", ShardedSweepFarm.Config, "--shard", "auto", "--shards", "3", "--dry-run");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("JOB_COMPLETION_INDEX is not set", error, StringComparison.Ordinal);
    }
}
