using System.CommandLine;
using System.Text.Json;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli.Tests.Commands;

/// <summary>End to end: <c>segment sweep configs/smoke.yaml</c> on a slice of the shipped data into a temp SQLite store.</summary>
public sealed class SweepCommandTests : IDisposable
{
    // The first 20,000 invoice lines (December 2010) keep the test to seconds while exercising the real pipeline.
    private readonly SmokeWorkspace _workspace = new("seg-sweep-cli-", 20_000);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Sweep_SmokeConfigTwice_RunsEveryTrialThenSkipsAll()
    {
        var (code, output, error) = await InvokeAsync("configs/smoke.yaml", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var first = JsonDocument.Parse(output);
        Assert.Equal(4, first.RootElement.GetProperty("planned_trials").GetInt32());
        Assert.Equal(4, first.RootElement.GetProperty("ran").GetInt32());
        Assert.Equal(0, first.RootElement.GetProperty("failed").GetInt32());
        Assert.StartsWith("kmeans-k", first.RootElement.GetProperty("best").GetProperty("run_name").GetString(), StringComparison.Ordinal);
        Assert.Contains("[4/4]", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_workspace.Directory, "mlflow.db")));

        var (again, secondOutput, secondError) = await InvokeAsync("configs/smoke.yaml");

        Assert.Equal(ExitCodes.Success, again);
        Assert.Contains("skipping 4 already FINISHED", secondOutput, StringComparison.Ordinal);
        Assert.Contains("ran 0, skipped 4 already FINISHED, failed 0", secondOutput, StringComparison.Ordinal);
        Assert.Empty(secondError);
    }

    [Fact]
    public async Task Sweep_DryRun_PrintsSourcesAndPlanAndCreatesNoStore()
    {
        var (code, output, _) = await InvokeAsync("configs/smoke.yaml", "--dry-run", "--experiment", "from-flag");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("name: from-flag  # --experiment", output, StringComparison.Ordinal);
        Assert.Contains("input: slice.csv  # params.yaml:2", output, StringComparison.Ordinal);
        Assert.Contains("kmeans-k3-n3-log1p+standard", output, StringComparison.Ordinal);
        Assert.Contains("agglomerative-k3-ward-log1p+standard", output, StringComparison.Ordinal);
        Assert.Contains("Planned trials: 4", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_workspace.Directory, "mlflow.db")));
    }

    [Fact]
    public async Task Sweep_UnknownScaler_ExitCode2WithFileLineAndKey()
    {
        File.WriteAllText(Path.Combine(_workspace.Directory, "configs", "bad.yaml"), "search:\n  scalers: [standrd]\n  algorithms:\n    kmeans: {k: 3}\n");

        var (code, _, error) = await InvokeAsync("configs/bad.yaml");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("bad.yaml:2:13: search.scalers[0]: unknown value 'standrd'; allowed: none, standard", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_workspace.Directory, "mlflow.db")));
    }

    [Fact]
    public async Task Sweep_BadShard_ExitCode2()
    {
        var (code, _, error) = await InvokeAsync("configs/smoke.yaml", "--shard", "3/2");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("expected i/n with 1 <= i <= n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_Export_WritesFolderWithStoredDatasetAndNoMachinePaths()
    {
        var (code, output, error) = await InvokeAsync("configs/smoke.yaml", "--export", "experiments/smoke");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Experiment folder written to experiments/smoke", output, StringComparison.Ordinal);
        var folder = Path.Combine(_workspace.Directory, "experiments", "smoke");
        using var dataset = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "dataset.json")));
        var raw = dataset.RootElement.GetProperty("raw_input");
        Assert.Equal("slice.csv", raw.GetProperty("path").GetString());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_workspace.Directory, "slice.csv"))));
        Assert.Equal(sha, raw.GetProperty("sha256").GetString());
        Assert.Equal(dataset.RootElement.GetProperty("digest").GetString()![..12], dataset.RootElement.GetProperty("short_digest").GetString());
        Assert.StartsWith("segment,", File.ReadAllText(Path.Combine(folder, "best-profile.csv")), StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(folder))
        {
            Assert.DoesNotContain(_workspace.Directory, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sweep_DryRunWithCredentialsInTheTrackingUri_PrintsNoPassword()
    {
        // Regression: `sweep --dry-run` printed the tracking URI's password in full, straight into CI logs.
        const string Uri = "http://ann:s3cretpw@mlflow.example:5000";

        var (code, text, textError) = await InvokeAsync("configs/smoke.yaml", "--dry-run", "--tracking-uri", Uri);
        var (jsonCode, json, jsonError) = await InvokeAsync("configs/smoke.yaml", "--dry-run", "--json", "--tracking-uri", Uri);

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (code, jsonCode));
        Assert.Contains("http://***@mlflow.example:5000", text, StringComparison.Ordinal);
        Assert.Contains("http://***@mlflow.example:5000", json, StringComparison.Ordinal);
        Assert.All(new[] { text, textError, json, jsonError }, output => Assert.DoesNotContain("s3cretpw", output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_ExportWithDryRun_ExitCode2()
    {
        var (code, _, error) = await InvokeAsync("configs/smoke.yaml", "--dry-run", "--export", "out");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("--export: expected a whole sweep", error, StringComparison.Ordinal);
    }

    // Issue 9: Ctrl-C exited 2, as if the command line were wrong; a cancelled sweep is 130.
    [Fact]
    public async Task Sweep_CtrlCBeforeStart_Exits130NotUsageError()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var (code, _, error) = await InvokeAsync(cancel.Token, new StringWriter(), "configs/smoke.yaml");

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("cancelled", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_CtrlCMidway_Exits130WithTheSweepMarkedKilled()
    {
        using var cancel = new CancellationTokenSource();
        // With --json the progress lines go to the error stream; the first one means the parent run exists.
        using var error = new CancellingWriter(cancel, "sweep ");

        var (code, _, text) = await InvokeAsync(cancel.Token, error, "configs/smoke.yaml", "--json");

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("error: sweep cancelled; the parent run is marked KILLED", text, StringComparison.Ordinal);
        using var store = Segmentation.Tracking.Sqlite.SqliteTrackingStore.Open(Path.Combine(_workspace.Directory, "mlflow.db"), TimeProvider.System);
        var experiment = await store.GetExperimentByNameAsync("customer-segmentation-smoke");
        var runs = await store.SearchRunsAsync(new Segmentation.Tracking.Runs.RunSearchRequest([experiment!.ExperimentId]));
        Assert.Contains(runs, r => r.Info.Status == Segmentation.Tracking.Runs.RunStatus.Killed);
    }

    private Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args) => InvokeAsync(CancellationToken.None, new StringWriter(), args);

    private async Task<(int Code, string Output, string Error)> InvokeAsync(CancellationToken cancellationToken, StringWriter error, params string[] args)
    {
        using var output = new StringWriter();
        using (error)
        {
            var context = new CliContext(output, error, TimeProvider.System, _workspace.Directory);
            var command = new SweepCommand(context, _ => null, null, liveProgress: false);
            var code = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
            return (code, output.ToString(), error.ToString());
        }
    }

    /// <summary>Cancels when a line starting with <paramref name="prefix"/> is written: a Ctrl-C at a known point of the sweep.</summary>
    private sealed class CancellingWriter(CancellationTokenSource cancel, string prefix) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }
    }
}
