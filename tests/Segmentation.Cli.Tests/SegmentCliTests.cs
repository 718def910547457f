using System.CommandLine;

namespace Segmentation.Cli.Tests;

/// <summary>The command tree: built only for the verbs a command line can reach, with the same parse and output.</summary>
public sealed class SegmentCliTests
{
    private static readonly string[] AllVerbs = Root([]).Subcommands.Select(c => c.Name).ToArray();

    [Fact]
    public void FullTree_HasEveryVerb()
    {
        Assert.Equal(["data", "version", "runs", "promote", "sweep", "cluster", "predict", "serve", "report", "drift"], AllVerbs);
    }

    [Fact]
    public void ReachableVerbs_EachVerbNamed_OnlyThatVerb()
    {
        foreach (var verb in AllVerbs)
        {
            Assert.Equal([verb], SegmentCli.ReachableVerbs([verb, "--help"]));
            Assert.Equal([verb], Root([verb, "x"]).Subcommands.Select(c => c.Name));
        }

        Assert.Equal(["sweep"], SegmentCli.ReachableVerbs(["--verbose", "sweep", "configs/promote.yaml"]));
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("swep", "configs/kmeans.yaml")]
    [InlineData("@args.rsp")]
    public void ReachableVerbs_NoVerbNamed_EveryVerb(params string[] args) =>
        Assert.Equal(AllVerbs.Order(), SegmentCli.ReachableVerbs(args).Order());

    [Fact]
    public void ReachableVerbs_BareVersion_None() => Assert.Empty(SegmentCli.ReachableVerbs(["--version"]));

    [Theory]
    [InlineData("--version")]
    [InlineData("sweep", "--help")]
    [InlineData("data", "ingest", "--help")]
    [InlineData("cluster", "--algorithm", "nope")]
    [InlineData("promote", "--k", "x")]
    [InlineData("swep")]
    [InlineData("--version", "sweep")]
    [InlineData("--verbose", "runs", "--help")]
    public async Task RunAsync_SameOutputAndExitCodeAsTheFullTree(params string[] args)
    {
        using var lazyOutput = new StringWriter();
        using var lazyError = new StringWriter();
        var lazyCode = await SegmentCli.RunAsync(args, lazyOutput, lazyError);

        using var fullOutput = new StringWriter();
        using var fullError = new StringWriter();
        var context = new CliContext(fullOutput, fullError, TimeProvider.System, Directory.GetCurrentDirectory());
        var fullCode = await SegmentCli.InvokeAsync(SegmentCli.BuildRoot(context).Parse(args), fullOutput, fullError);

        Assert.Equal(fullCode, lazyCode);
        Assert.Equal(fullOutput.ToString(), lazyOutput.ToString());
        Assert.Equal(fullError.ToString(), lazyError.ToString());
    }

    private static RootCommand Root(string[] args)
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System, Path.GetTempPath());
        return args.Length == 0 ? SegmentCli.BuildRoot(context) : SegmentCli.BuildRoot(context, args);
    }
}
