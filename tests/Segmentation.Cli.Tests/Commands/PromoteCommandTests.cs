using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Segmentation.Cli.Commands;
using Segmentation.Tracking.Registry;

namespace Segmentation.Cli.Tests.Commands;

public sealed class PromoteCommandTests : IDisposable
{
    private readonly PromoteTestStore _store = PromoteTestStore.Create();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task Invoke_GatePasses_ExitsZeroPromotesAndAppendsJobSummary()
    {
        await _store.SeedSweepAsync("exp", (3, 0.41), (4, 0.48));
        var summary = Path.Combine(_store.Directory, "summary.md");
        await File.WriteAllTextAsync(summary, "earlier step\n");
        _environment["GITHUB_STEP_SUMMARY"] = summary;
        _environment["GITHUB_ACTIONS"] = "true";

        var code = await InvokeAsync("--experiment", "exp", "--metric", "silhouette", "--min", "0.35", "--stage", "Production", "--model-name", "seg");

        Assert.Equal(ExitCodes.Success, code);
        var version = Assert.Single(await _store.Store.SearchModelVersionsAsync("name='seg'"));
        Assert.Equal(ModelStages.Production, version.CurrentStage);
        var text = await File.ReadAllTextAsync(summary);
        Assert.StartsWith("earlier step\n## Promotion gate: promoted", text, StringComparison.Ordinal);
        Assert.Contains("| 1 | kmeans-k4-standard | kmeans | 4 | 0.48 | yes |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("::error", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("**Decision: promoted.**", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_GateFails_ExitsOneAnnotatesAndLeavesRegistryUntouched()
    {
        await _store.SeedSweepAsync("exp", (3, 0.21), (4, 0.30));
        var summary = Path.Combine(_store.Directory, "summary.md");
        _environment["GITHUB_STEP_SUMMARY"] = summary;
        _environment["GITHUB_ACTIONS"] = "true";

        var code = await InvokeAsync("--experiment", "exp", "--min", "0.35", "--alias", "champion");

        Assert.Equal(ExitCodes.GateFailed, code);
        Assert.Empty(await _store.Store.SearchRegisteredModelsAsync());
        Assert.Empty(await _store.Store.SearchModelVersionsAsync());
        Assert.Contains("::error title=Promotion gate failed::`kmeans-k4-standard`", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("silhouette >= 0.35: observed 0.3", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("**Decision: gate failed.**", await File.ReadAllTextAsync(summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_GateFailsOutsideActions_NoAnnotation()
    {
        await _store.SeedSweepAsync("exp", (3, 0.2));

        var code = await InvokeAsync("--experiment", "exp", "--min", "0.35");

        Assert.Equal(ExitCodes.GateFailed, code);
        Assert.DoesNotContain("::error", _output.ToString() + _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Json_PrintsDecisionModelAndLeaderboard()
    {
        var parent = await _store.SeedSweepAsync("exp", (3, 0.41), (4, 0.48));

        var code = await InvokeAsync("--experiment", "exp", "--min", "0.35", "--alias", "champion", "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.Equal("promoted", root.GetProperty("decision").GetString());
        Assert.Equal(parent, root.GetProperty("parent_run_id").GetString());
        Assert.Equal("exp", root.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("1", root.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal("champion", root.GetProperty("model").GetProperty("aliases")[0].GetString());
        Assert.Equal(0.48, root.GetProperty("best").GetProperty("objective").GetDouble());
        Assert.Equal(2, root.GetProperty("leaderboard").GetArrayLength());
        Assert.Contains("\"run_name\": \"kmeans-k4-standard\"", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_SecondTime_ReusesTheVersion()
    {
        await _store.SeedSweepAsync("exp", (4, 0.48));

        Assert.Equal(ExitCodes.Success, await InvokeAsync("--experiment", "exp", "--min", "0.35", "--stage", "Staging"));
        Assert.Equal(ExitCodes.Success, await InvokeAsync("--experiment", "exp", "--min", "0.35", "--stage", "Staging"));

        Assert.Single(await _store.Store.SearchModelVersionsAsync());
        Assert.Contains("(existing version reused)", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithSweepConfig_TakesExperimentGateAndRegistryTargetFromIt()
    {
        await _store.SeedSweepAsync("cfg-exp", (2, 0.7), (3, 0.45), (4, 0.40));
        await File.WriteAllTextAsync(Path.Combine(_store.Directory, "sweep.yaml"), SweepConfig);

        var code = await InvokeAsync("--config", "sweep.yaml");

        Assert.Equal(ExitCodes.Success, code);
        var champion = await _store.Store.GetModelVersionByAliasAsync("cfg-model", "champion");
        Assert.NotNull(champion);
        Assert.Contains("| 1 | kmeans-k3-standard | kmeans | 3 | 0.45 | yes |", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("- gate: silhouette >= 0.3", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithSweepConfigAndThresholdFlag_FlagReplacesTheConfiguredGate()
    {
        await _store.SeedSweepAsync("cfg-exp", (3, 0.45));
        await File.WriteAllTextAsync(Path.Combine(_store.Directory, "sweep.yaml"), SweepConfig);

        var code = await InvokeAsync("--config", "sweep.yaml", "--min", "0.5");

        Assert.Equal(ExitCodes.GateFailed, code);
        Assert.Empty(await _store.Store.SearchModelVersionsAsync());
    }

    [Fact]
    public async Task Invoke_BadSweepConfig_ExitsTwoNamingTheKey()
    {
        await File.WriteAllTextAsync(Path.Combine(_store.Directory, "sweep.yaml"), SweepConfig.Replace("min_k: 3", "min_kk: 3", StringComparison.Ordinal));

        var code = await InvokeAsync("--config", "sweep.yaml");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("min_kk", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ServerUnreachable_ExitsThree()
    {
        // A port that was just free and is now closed: the connection is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _environment["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0";
        _environment["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "5";
        var summary = Path.Combine(_store.Directory, "summary.md");
        _environment["GITHUB_STEP_SUMMARY"] = summary;
        _environment["GITHUB_ACTIONS"] = "true";

        var code = await InvokeWithUriAsync($"http://127.0.0.1:{port}", "--experiment", "exp", "--min", "0.35");

        Assert.Equal(ExitCodes.TrackingUnreachable, code);
        Assert.StartsWith("error: tracking server unreachable", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("::error title=Promotion failed::tracking server unreachable", _error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("## Promotion gate: error", await File.ReadAllTextAsync(summary), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--min", "0.35")]
    [InlineData("--experiment", "exp")]
    [InlineData("--experiment", "exp", "--min", "abc")]
    [InlineData("--experiment", "exp", "--min", "0.5", "--max", "0.4")]
    [InlineData("--experiment", "exp", "--min", "0.35", "--metric", "accuracy")]
    [InlineData("--experiment", "exp", "--min", "0.35", "--stage", "Prod")]
    [InlineData("--experiment", "exp", "--min", "0.35", "--stage", "Production", "--alias", "champion")]
    [InlineData("--experiment", "exp", "--min", "0.35", "--min-k", "two")]
    [InlineData("--experiment", "missing-experiment", "--min", "0.35")]
    public async Task Invoke_BadUsageOrData_ExitsTwoWithMessage(params string[] args)
    {
        await _store.SeedSweepAsync("exp", (4, 0.48));

        var code = await InvokeAsync(args);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.StartsWith("error: ", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await _store.Store.SearchModelVersionsAsync());
    }

    // Issue 9: `promote --config configs/kmeans.yaml --min 0.30 --alias v3` passed the gate, registered a model version,
    // then exited 2 on the reserved alias and left the version behind. Every check now runs before the first registry write.
    [Theory]
    [InlineData("v3")]
    [InlineData("V12")]
    [InlineData("latest")]
    public async Task Invoke_ReservedAliasV3AfterGatePasses_ExitsTwoAndRegistersNothing(string alias)
    {
        await _store.SeedSweepAsync("cfg-exp", (3, 0.45));
        await File.WriteAllTextAsync(Path.Combine(_store.Directory, "sweep.yaml"), SweepConfig);

        var code = await InvokeAsync("--config", "sweep.yaml", "--min", "0.30", "--alias", alias);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("reserved", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await _store.Store.SearchRegisteredModelsAsync());
        Assert.Empty(await _store.Store.SearchModelVersionsAsync());
    }

    [Fact]
    public async Task Invoke_ReservedAliasInTheConfig_ExitsTwoAtTheFileLineAndRegistersNothing()
    {
        await _store.SeedSweepAsync("cfg-exp", (3, 0.45));
        await File.WriteAllTextAsync(Path.Combine(_store.Directory, "sweep.yaml"), SweepConfig.Replace("alias: champion", "alias: v3", StringComparison.Ordinal));

        var code = await InvokeAsync("--config", "sweep.yaml", "--min", "0.30");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("sweep.yaml:15:10: registry.alias: Version alias name 'v3' is reserved.", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await _store.Store.SearchModelVersionsAsync());
    }

    [Fact]
    public async Task Invoke_StageInLowerCase_PromotesToTheCanonicalStage()
    {
        await _store.SeedSweepAsync("exp", (4, 0.48));

        var code = await InvokeAsync("--experiment", "exp", "--min", "0.35", "--stage", "production");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(ModelStages.Production, Assert.Single(await _store.Store.SearchModelVersionsAsync()).CurrentStage);
    }

    [Theory]
    [InlineData("--top", "0", "option --top: '0' is not a whole number in [1, 1000]")]
    [InlineData("--max-cluster-fraction", "1.5", "option --max-cluster-fraction: 1.5 is outside [0, 1]")]
    [InlineData("--direction", "upward", "upward")]
    [InlineData("--alias", "two words", "option --alias: Invalid alias name: 'two words'")]
    public async Task Invoke_BadTypedValue_ParseErrorNamingTheOption(string option, string value, string expected)
    {
        var code = await InvokeAsync("--experiment", "exp", "--min", "0.35", option, value);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains(expected, _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await _store.Store.SearchModelVersionsAsync());
    }

    [Fact]
    public async Task RunAsync_UnknownOption_ExitsTwoNotGateFailed()
    {
        var code = await SegmentCli.RunAsync(["promote", "--experiment", "exp", "--no-such-option"], _output, _error);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
    }

    private const string SweepConfig = """
        experiment:
          name: cfg-exp
        search:
          features: [recency_days, frequency, monetary]
          scalers: [log1p+standard]
          algorithms:
            kmeans:
              k: [2, 3, 4]
        objective:
          metric: silhouette
        constraints:
          min_k: 3
        registry:
          model_name: cfg-model
          alias: champion
        gate:
          silhouette: {min: 0.3}
        """;

    public void Dispose()
    {
        _store.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private Task<int> InvokeAsync(params string[] args) => InvokeWithUriAsync(_store.Uri, args);

    private async Task<int> InvokeWithUriAsync(string uri, params string[] args)
    {
        var context = new CliContext(_output, _error, TimeProvider.System, _store.Directory);
        var root = new RootCommand();
        root.Subcommands.Add(new PromoteCommand(context, name => _environment.GetValueOrDefault(name)));
        string[] line = ["promote", "--tracking-uri", uri, .. args];
        // Through SegmentCli.InvokeAsync, as the real command line goes: a bad option value is a parse error there (exit 2).
        return await SegmentCli.InvokeAsync(root.Parse(line), _output, _error);
    }
}
