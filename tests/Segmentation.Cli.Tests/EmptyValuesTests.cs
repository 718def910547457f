namespace Segmentation.Cli.Tests;

public sealed class EmptyValuesTests
{
    [Theory]
    [InlineData("option --tracking-uri", "sweep", "configs/kmeans.yaml", "--tracking-uri", "")]
    [InlineData("option --experiment", "sweep", "configs/kmeans.yaml", "--experiment", " ")]
    [InlineData("option --experiment", "promote", "--experiment", "", "--min", "0.3")]
    [InlineData("option --tracking-uri", "runs", "list", "--tracking-uri", "")]
    [InlineData("argument CONFIG", "sweep", "")]
    public async Task EmptyValue_AnyVerb_UsageErrorNamingItInsteadOfTheDefault(string named, params string[] args)
    {
        // Regression: `--tracking-uri ''` and `--experiment ''` were silently ignored (the default store or experiment was used).
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await SegmentCli.RunAsync(args, output, error);

        Assert.Equal(ExitCodes.UsageOrDataError, code);
        Assert.Contains($"error: {named}: expected a value, got an empty string", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }
}
