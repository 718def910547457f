using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Segmentation.Cli.Commands;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;
using Segmentation.Tracking.Tags;

namespace Segmentation.Cli.Tests.Commands;

public sealed class RunsGcCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "seg-cli-gc-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public RunsGcCommandTests() => Directory.CreateDirectory(_directory);

    private string Database => Path.Combine(_directory, "mlflow.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task Gc_SilentTrialAndParent_ClosedWithReasonLiveRunKept()
    {
        var (silentTrial, parent, live) = await SeedAsync();

        var code = await InvokeAsync("runs", "gc", "--experiment", "gc", "--tracking-uri", "sqlite:///" + Database, "--timeout", "60");

        Assert.True(code == ExitCodes.Success, _error.ToString());
        Assert.Contains("2 orphaned run(s) closed in experiment 'gc'", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("trial-silent  -> FAILED (no heartbeat for 60", _output.ToString(), StringComparison.Ordinal);
        using var store = SqliteTrackingStore.Open(Database, TimeProvider.System);
        var trial = await store.GetRunAsync(silentTrial);
        Assert.Equal(RunStatus.Failed, trial.Info.Status);
        Assert.Equal(SegmentationTags.ClaimOrphaned, trial.Data.Tags[SegmentationTags.Claim]);
        Assert.StartsWith("orphaned: no heartbeat since", trial.Data.Tags[SegmentationTags.Error], StringComparison.Ordinal);
        Assert.Equal(RunStatus.Killed, (await store.GetRunAsync(parent)).Info.Status);
        Assert.Equal(RunStatus.Running, (await store.GetRunAsync(live)).Info.Status);
    }

    [Fact]
    public async Task Gc_NoExperimentGiven_ExitCode2()
    {
        var code = await InvokeAsync("runs", "gc", "--tracking-uri", "sqlite:///" + Database);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("expected --experiment NAME", _error.ToString(), StringComparison.Ordinal);
    }

    private async Task<int> InvokeAsync(params string[] args)
    {
        var context = new CliContext(_output, _error, TimeProvider.System, _directory);
        var root = new RootCommand { new RunsCommand(context, _ => null) };
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error });
    }

    private async Task<(string SilentTrial, string Parent, string Live)> SeedAsync()
    {
        using var store = SqliteTrackingStore.Open(Database, TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("gc");
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        async Task<string> RunAsync(string name, string kind, long heartbeatMs) => (await store.CreateRunAsync(new CreateRunRequest(
            experiment.ExperimentId,
            name,
            heartbeatMs,
            new Dictionary<string, string>
            {
                [SegmentationTags.RunKind] = kind,
                [SegmentationTags.Heartbeat] = heartbeatMs.ToString(CultureInfo.InvariantCulture),
            }))).Info.RunId;
        return (
            await RunAsync("trial-silent", SegmentationTags.RunKindTrial, now - 600_000),
            await RunAsync("sweep-silent", SegmentationTags.RunKindSweep, now - 900_000),
            await RunAsync("trial-live", SegmentationTags.RunKindTrial, now - 5_000));
    }
}
