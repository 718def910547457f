using System.CommandLine;
using System.Text.Json;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli.Tests.Commands;

/// <summary>
/// A sweep with <c>features.reference_date: auto</c> records the date it resolved to, and <c>predict --reference-date training</c>
/// rebuilds features at that date for any batch, where <c>auto</c> takes the batch's own last day.
/// </summary>
public sealed class PredictReferenceDateTests : IDisposable
{
    private readonly SmokeWorkspace _workspace = new("seg-predict-date-", 20_000);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Predict_AtTrainingReferenceDate_UsesTheResolvedSweepDateNotTheBatchsLastDay()
    {
        var (code, output, error) = await SweepAsync("configs/smoke.yaml", "--json");
        Assert.True(code == ExitCodes.Success, error);
        string runId;
        using (var sweep = JsonDocument.Parse(output))
        {
            runId = sweep.RootElement.GetProperty("best").GetProperty("run_id").GetString()!;
        }

        // The first 5,000 lines end days before the 20,000-line slice the sweep trained on.
        var early = Path.Combine(_workspace.Directory, "early.csv");
        await File.WriteAllLinesAsync(early, File.ReadLines(Path.Combine(_workspace.Directory, "slice.csv")).Take(5_001));

        var training = await PredictReferenceDateAsync(runId, "slice.csv", "auto");
        var earlyAuto = await PredictReferenceDateAsync(runId, early, "auto");
        var earlyAtTraining = await PredictReferenceDateAsync(runId, early, "training");

        Assert.NotEqual(training, earlyAuto);
        Assert.Equal(training, earlyAtTraining);
        var document = Directory.EnumerateFiles(_workspace.Directory, Segmentation.Tracking.Models.ModelFolder.DocumentFile, SearchOption.AllDirectories).First();
        var recorded = Segmentation.Tracking.Models.ModelFolder.Read(Path.GetDirectoryName(document)!).Attachment("training_params.json")!;
        Assert.Contains("\"reference_date_setting\": \"auto\"", recorded, StringComparison.Ordinal);
        Assert.Contains($"\"reference_date\": \"{training}\"", recorded, StringComparison.Ordinal);
    }

    private async Task<string> PredictReferenceDateAsync(string runId, string input, string referenceDate)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, TimeProvider.System, _workspace.Directory);
        var command = new PredictCommand(context, _ => null);
        string[] args = ["--model", $"runs:/{runId}/model", "--input", input, "--reference-date", referenceDate, "--json", "--model-cache", "cache", "--out", "scores.csv"];
        var code = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(code == ExitCodes.Success, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        return json.RootElement.GetProperty("reference_date").GetString()!;
    }

    private async Task<(int Code, string Output, string Error)> SweepAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, TimeProvider.System, _workspace.Directory);
        var command = new SweepCommand(context, _ => null, null, liveProgress: false);
        var code = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
