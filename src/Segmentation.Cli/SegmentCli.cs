using System.CommandLine;
using System.CommandLine.Invocation;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli;

/// <summary>Builds the <c>segment</c> command tree and runs it.</summary>
public static class SegmentCli
{
    /// <summary>Builds the root command with every verb; each verb is one sealed class in <c>Commands/</c>.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("segment: customer segmentation experiments tracked in MLflow");
        root.Options.Add(new Option<bool>(CommandErrors.VerboseOption)
        {
            Description = $"On an error, also print the stack trace (as {CommandErrors.DebugVariable}=1 does)",
            Recursive = true,
        });
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
        root.Subcommands.Add(new PredictCommand(context));
        root.Subcommands.Add(new ServeCommand(context));
        root.Subcommands.Add(new ReportCommand(context));
        root.Subcommands.Add(new DriftCommand(context));
        return root;
    }

    /// <summary>
    /// The process entry point, shared by the repository-root launcher and <c>src/Segmentation.Cli</c>: runs the command
    /// line on the console, the first Ctrl-C cancelling the verb.
    /// </summary>
    public static async Task<int> MainAsync(string[] args)
    {
        // The first Ctrl-C asks the running verb to stop cleanly (mark runs KILLED, flush logs) and exit 130;
        // a second one is left to the runtime, which ends the process at once.
        using var cancel = new ConsoleCancellation();
        Console.CancelKeyPress += cancel.OnCancelKeyPress;
        try
        {
            return await RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= cancel.OnCancelKeyPress;
        }
    }

    /// <summary>Parses and runs the command line, returning the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, TimeProvider.System, Directory.GetCurrentDirectory());
        return await InvokeAsync(BuildRoot(context).Parse(args), output, error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a parsed command line: a parse error is a usage error (exit 2, one "error:" line each), and anything a verb
    /// lets escape is reported by <see cref="CommandErrors"/> rather than System.CommandLine's handler (exit 1, a stack trace).
    /// </summary>
    public static async Task<int> InvokeAsync(ParseResult parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // System.CommandLine reports parse errors with exit code 1, which is "gate failed" here; they are usage errors.
        // (An action that clears parse errors, such as --help, still runs.)
        var problems = parsed.Errors.Count > 0 && parsed.Action is null or ParseErrorAction
            ? parsed.Errors.Select(e => e.Message).ToList()
            : EmptyValues.Find(parsed);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
            }

            await error.WriteLineAsync($"(see '{CommandPath(parsed)} --help')").ConfigureAwait(false);
            return ExitCodes.UsageOrDataError;
        }

        var config = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            // Ctrl-C is MainAsync's token: System.CommandLine's own handler would end the process 2 s after Ctrl-C, cutting
            // short a sweep that is marking its runs KILLED.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parsed.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return await CommandErrors.ReportAsync(error, ex, CommandErrors.IsVerbose(parsed), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
