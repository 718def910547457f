using System.CommandLine;

namespace Segmentation.Cli;

/// <summary>Builds the <c>segment</c> command tree and runs it.</summary>
public static class SegmentCli
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand BuildRoot(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("segment: customer segmentation experiments tracked in MLflow");
        return root;
    }

    /// <summary>Parses and runs the command line, returning the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot(output, error);
        var config = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(config).ConfigureAwait(false);
    }
}
