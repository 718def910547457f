using System.CommandLine;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Segmentation.Cli.Commands;
using Segmentation.Tracking;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Cli.Tests.Commands;

public sealed class RunsCommandTests : IDisposable
{
    private const long T0 = 1_700_000_000_000;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "seg-cli-runs-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public RunsCommandTests()
    {
        Directory.CreateDirectory(_directory);
    }

    private string Uri => "sqlite:///" + Path.Combine(_directory, "mlflow.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }

    private async Task<int> InvokeAsync(Func<string?, ITrackingBackend>? open, params string[] args)
    {
        var context = new CliContext(_output, _error, TimeProvider.System, _directory);
        var root = new RootCommand { new RunsCommand(context, _ => null, open) };
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error });
    }

    /// <summary>A sweep of three k-means runs in experiment "cli" of a fresh local store.</summary>
    private async Task<Run[]> SeedAsync()
    {
        using var store = SqliteTrackingStore.Open(Path.Combine(_directory, "mlflow.db"), TimeProvider.System);
        var experiment = await store.GetOrCreateExperimentAsync("cli");
        var runs = new List<Run>();
        foreach (var (k, silhouette) in new[] { (3, 0.52), (4, 0.35), (5, 0.21) })
        {
            var run = await store.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, $"kmeans-k{k}", T0 + k));
            await store.LogBatchAsync(run.Info.RunId, [new Metric("silhouette", silhouette, T0, 0)], [new Param("k", k.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            runs.Add(run);
        }

        await store.UpdateRunAsync(runs[0].Info.RunId, RunStatus.Finished, T0 + 100);
        var file = Path.Combine(_directory, "MLmodel");
        await File.WriteAllTextAsync(file, "flavors: {}\n");
        await store.UploadArtifactAsync(runs[0].Info.RunId, file, "model");
        await store.LogInputsAsync(runs[0].Info.RunId, [new DatasetInput(new Dataset("customers", "ab12", "local", "{}"), new Dictionary<string, string> { ["mlflow.data.context"] = "training" })]);
        return runs.ToArray();
    }

    [Fact]
    public async Task List_OrderedByMetric_PrintsComparisonTableWithParamsAndMetricsAsColumns()
    {
        var runs = await SeedAsync();

        var code = await InvokeAsync(null, "runs", "list", "--experiment", "cli", "--order-by", "metrics.silhouette DESC", "--tracking-uri", Uri);

        Assert.Equal(ExitCodes.Success, code);
        var lines = _output.ToString().Split('\n');
        Assert.Equal("run       name       status    k  silhouette", lines[0]);
        Assert.Equal("--------  ---------  --------  -  ----------", lines[1]);
        Assert.Equal($"{runs[0].Info.RunId[..8]}  kmeans-k3  FINISHED  3        0.52", lines[2]);
        Assert.Equal($"{runs[1].Info.RunId[..8]}  kmeans-k4  RUNNING   4        0.35", lines[3]);
        Assert.Equal($"{runs[2].Info.RunId[..8]}  kmeans-k5  RUNNING   5        0.21", lines[4]);
        Assert.StartsWith("3 run(s) in experiment 'cli'", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FilterAndJson_PrintsMatchingRunsAsJson()
    {
        await SeedAsync();

        var code = await InvokeAsync(null, "runs", "list", "--experiment", "cli", "--filter", "metrics.silhouette > 0.3", "--json", "--tracking-uri", Uri);

        Assert.Equal(ExitCodes.Success, code);
        using var doc = JsonDocument.Parse(_output.ToString());
        var names = doc.RootElement.EnumerateArray().Select(r => r.GetProperty("run_name").GetString()!).ToArray();
        Assert.Equal(["kmeans-k4", "kmeans-k3"], names);
        Assert.Equal(0.35, doc.RootElement[0].GetProperty("metrics").GetProperty("silhouette").GetDouble());
        Assert.Equal("4", doc.RootElement[0].GetProperty("params").GetProperty("k").GetString());
    }

    [Fact]
    public async Task List_UnknownExperiment_ExitCode2NamingIt()
    {
        await SeedAsync();

        var code = await InvokeAsync(null, "runs", "list", "--experiment", "nope", "--tracking-uri", Uri);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("experiment 'nope' does not exist", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BadFilter_ExitCode2WithTheParserMessage()
    {
        await SeedAsync();

        var code = await InvokeAsync(null, "runs", "list", "--experiment", "cli", "--filter", "metrics.silhouette >>> 1", "--tracking-uri", Uri);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("Invalid comparator '>>>'", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TrackingServerUnreachable_ExitCode3()
    {
        var code = await InvokeAsync(_ => throw new TrackingUnreachableException("the MLflow tracking server at http://127.0.0.1:9 could not be reached"), "runs", "list");

        Assert.Equal(ExitCodes.TrackingUnreachable, code);
        Assert.Contains("could not be reached", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_CtrlCWhileOpeningTheStore_Exits130NotUsageError()
    {
        using var cancel = new CancellationTokenSource();
        var context = new CliContext(_output, _error, TimeProvider.System, _directory);
        var root = new RootCommand { new RunsCommand(context, _ => null, _ =>
        {
            // Ctrl-C arrives while the verb is working; the store call gives up with the token's exception.
            cancel.Cancel();
            throw new OperationCanceledException(cancel.Token);
        }) };

        var code = await SegmentCli.InvokeAsync(root.Parse(["runs", "list"]), _output, _error, cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Equal("error: cancelled", _error.ToString().Trim());
    }

    [Fact]
    public async Task Show_Run_PrintsInfoParamsMetricsTagsInputsAndArtifacts()
    {
        var runs = await SeedAsync();

        var code = await InvokeAsync(null, "runs", "show", runs[0].Info.RunId, "--tracking-uri", Uri);

        Assert.Equal(ExitCodes.Success, code);
        var text = _output.ToString();
        Assert.StartsWith($"Run {runs[0].Info.RunId}\n", text, StringComparison.Ordinal);
        Assert.Contains("  status      FINISHED\n", text, StringComparison.Ordinal);
        Assert.Contains("Params (1)\n  k  3\n", text, StringComparison.Ordinal);
        Assert.Contains("Metrics (1)\n  silhouette  0.52  step 0\n", text, StringComparison.Ordinal);
        Assert.Contains("  mlflow.runName  kmeans-k3\n", text, StringComparison.Ordinal);
        Assert.Contains("Inputs (1)\n  customers  digest ab12  local  mlflow.data.context=training\n", text, StringComparison.Ordinal);
        Assert.Contains("Artifacts (2)\n  model/\n  model/MLmodel  12 B\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownRun_ExitCode2()
    {
        await SeedAsync();

        var code = await InvokeAsync(null, "runs", "show", new string('0', 32), "--tracking-uri", Uri);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("not found", _error.ToString(), StringComparison.Ordinal);
    }
}
