namespace Segmentation.Cli.Tests.Commands;

public sealed class PredictCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "seg-predict-cli-" + Guid.NewGuid().ToString("N"));

    public PredictCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("2011-12-10")]
    [InlineData("training")]
    public async Task Predict_ReferenceDateGiven_ParsedAndTheModelIsLookedUp(string date)
    {
        // Regression: `--reference-date auto` (the documented default spelling) crashed with an internal InvalidCastException (exit 70).
        var (code, error) = await InvokeAsync("--reference-date", date);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("nope", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_ReferenceDateNotADate_UsageErrorNamingTheOption()
    {
        var (code, error) = await InvokeAsync("--reference-date", "yesterday");

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains("option --reference-date: expected auto, training or a date such as 2011-12-10, found 'yesterday'", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Error)> InvokeAsync(params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var store = "sqlite:///" + Path.Combine(_dir, "mlflow.db");
        string[] args = ["predict", "--model", "models:/nope/1", "--input", Path.Combine(_dir, "tx.csv"), "--tracking-uri", store, "--model-cache", Path.Combine(_dir, "cache"), .. extra];
        var code = await SegmentCli.RunAsync(args, output, error);
        return (code, error.ToString());
    }
}
