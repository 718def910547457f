using System.CommandLine;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli;

/// <summary>Builds the <c>segment</c> command tree and runs it.</summary>
public static class SegmentCli
{
    /// <summary>Builds the root command with every verb; each verb is one sealed class in <c>Commands/</c>.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("segment: customer segmentation experiments tracked in MLflow");
        var data = new Command("data", "Ingest transactions, build customer features, manage dataset versions");
        root.Subcommands.Add(data);
        data.Subcommands.Add(new DataFeaturesCommand(context));
        data.Subcommands.Add(new DatasetIngestCommand(context));
        data.Subcommands.Add(new DatasetListCommand(context));
        data.Subcommands.Add(new DatasetShowCommand(context));
        data.Subcommands.Add(new DatasetVerifyCommand(context));
        // Verbs register here, one line each.
        root.Subcommands.Add(new VersionCommand(context));
        root.Subcommands.Add(new RunsCommand(context));
        root.Subcommands.Add(new PromoteCommand(context));
        root.Subcommands.Add(new SweepCommand(context));
        root.Subcommands.Add(new ClusterCommand(context));
        return root;
    }

    /// <summary>Parses and runs the command line, returning the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, TimeProvider.System, Directory.GetCurrentDirectory());
        var root = BuildRoot(context);
        var config = new InvocationConfiguration { Output = output, Error = error };
        var parsed = root.Parse(args);
        var code = await parsed.InvokeAsync(config, cancellationToken).ConfigureAwait(false);

        // System.CommandLine reports parse errors with exit code 1, which is "gate failed" here; they are usage errors.
        return parsed.Errors.Count > 0 ? ExitCodes.UsageOrDataError : code;
    }
}
