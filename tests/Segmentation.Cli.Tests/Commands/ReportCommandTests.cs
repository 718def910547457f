using System.CommandLine;
using System.Text.Json;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli.Tests.Commands;

/// <summary>End to end: <c>segment sweep configs/smoke.yaml</c> on a slice of the shipped data, then <c>segment report</c> of it.</summary>
public sealed class ReportCommandTests : IDisposable
{
    // The first 10,000 invoice lines keep the sweep to seconds while exercising the real pipeline and dataset store.
    private readonly SmokeWorkspace _workspace = new("seg-report-cli-", 10_000);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Report_PastSweepByExperimentAndByRun_WritesPageAndEveryFigure()
    {
        var (sweepCode, sweepJson, sweepError) = await InvokeAsync(c => new SweepCommand(c, _ => null, null, liveProgress: false), "configs/smoke.yaml", "--json");
        Assert.True(sweepCode == ExitCodes.Success, sweepError);
        using var sweep = JsonDocument.Parse(sweepJson);
        var parent = sweep.RootElement.GetProperty("parent_run_id").GetString()!;

        var (code, output, error) = await InvokeAsync(c => new ReportCommand(c, _ => null), "--experiment", "customer-segmentation-smoke", "--out", "out");
        var (byRun, _, byRunError) = await InvokeAsync(c => new ReportCommand(c, _ => null), "--run", parent, "--out", "by-run");

        Assert.True(code == ExitCodes.Success, error);
        Assert.True(byRun == ExitCodes.Success, byRunError);
        Assert.Contains(parent, output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(_workspace.Directory, "out", "report", "index.html"));
        Assert.Contains(sweep.RootElement.GetProperty("best").GetProperty("run_name").GetString()!, html, StringComparison.Ordinal);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(_workspace.Directory, "out", "plots"), "*.svg").Length);
        // The dataset facts come from the manifest the sweep's ingest wrote, not from this invocation.
        Assert.DoesNotContain("not recorded", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>rows read</th><td>10,000</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>reference date</th><td>2010-12-", html, StringComparison.Ordinal);
        Assert.Equal(html, await File.ReadAllTextAsync(Path.Combine(_workspace.Directory, "by-run", "report", "index.html")));
    }

    [Fact]
    public async Task Report_PastSweepPromotedLater_ShowsTheRecordedDecisionAndTheVersionsNameOverrides()
    {
        var (sweepCode, _, sweepError) = await InvokeAsync(c => new SweepCommand(c, _ => null, null, liveProgress: false), "configs/smoke.yaml");
        Assert.True(sweepCode == ExitCodes.Success, sweepError);
        var (before, _, beforeError) = await InvokeAsync(c => new ReportCommand(c, _ => null), "--experiment", "customer-segmentation-smoke", "--out", "before");
        Assert.True(before == ExitCodes.Success, beforeError);
        var (promoted, promoteOutput, promoteError) = await InvokeAsync(c => new PromoteCommand(c, _ => null), "--config", "configs/smoke.yaml");
        Assert.True(promoted == ExitCodes.Success, promoteOutput + promoteError);
        File.AppendAllText(Path.Combine(_workspace.Directory, "params.yaml"), "segments:\n  names:\n    \"customer-segments-smoke/1\": {0: Very important}\n");

        var (code, _, error) = await InvokeAsync(c => new ReportCommand(c, _ => null), "--experiment", "customer-segmentation-smoke", "--out", "after");

        Assert.True(code == ExitCodes.Success, error);
        var earlier = await File.ReadAllTextAsync(Path.Combine(_workspace.Directory, "before", "report", "index.html"));
        var html = await File.ReadAllTextAsync(Path.Combine(_workspace.Directory, "after", "report", "index.html"));
        Assert.Contains("Gate decision: none recorded", earlier, StringComparison.Ordinal);
        Assert.DoesNotContain("Very important", earlier, StringComparison.Ordinal);
        Assert.Matches("Gate decision \\(recorded by <code>segment promote</code> at 20[0-9-]+T[0-9:]+Z\\): <span class=\"pass\">promoted</span> — model version customer-segments-smoke 1 \\(alias champion\\)", html);
        Assert.Contains("Very important", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--out", "out")]
    [InlineData("--run", "abc", "--experiment", "x", "--out", "out")]
    public async Task Report_NeitherOrBothOfRunAndExperiment_UsageError(params string[] args)
    {
        var (code, _, error) = await InvokeAsync(c => new ReportCommand(c, _ => null), args);

        Assert.NotEqual(ExitCodes.Success, code);
        Assert.Contains("exactly one of --run RUN_ID or --experiment NAME", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> InvokeAsync(Func<CliContext, Command> verb, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = verb(new CliContext(output, error, TimeProvider.System, _workspace.Directory));
        var code = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
