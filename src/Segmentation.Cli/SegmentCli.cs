using System.CommandLine;
using System.CommandLine.Invocation;
using Segmentation.Cli.Commands;

namespace Segmentation.Cli;

/// <summary>Builds the <c>segment</c> command tree and runs it.</summary>
public static class SegmentCli
{
    /// <summary>Every verb by name, in the order help lists them; each verb is one sealed class in <c>Commands/</c>.</summary>
    /// <remarks>Verbs register here, one line each.</remarks>
    private static readonly (string Name, Func<CliContext, Command> Create)[] Verbs =
    [
        ("data", DataCommand),
        ("version", context => new VersionCommand(context)),
        ("runs", context => new RunsCommand(context)),
        ("promote", context => new PromoteCommand(context)),
        ("sweep", context => new SweepCommand(context)),
        ("cluster", context => new ClusterCommand(context)),
        ("predict", context => new PredictCommand(context)),
        ("serve", context => new ServeCommand(context)),
        ("report", context => new ReportCommand(context)),
        ("drift", context => new DriftCommand(context)),
    ];

    // Declared after Verbs: static fields initialise in textual order.
    private static readonly IReadOnlySet<string> AllVerbs = Verbs.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand BuildRoot(CliContext context) => BuildRoot(context, AllVerbs);

    /// <summary>
    /// The root command with only the verbs a command line can reach: the one it names, none for a bare
    /// <c>--version</c>, and every verb otherwise (help, a mistyped verb's suggestions, directives, response files).
    /// </summary>
    /// <remarks>
    /// A verb's tree is built only to be parsed, and building all of them (the cluster verb's options for every
    /// algorithm, the promote verb's gate options, …) was a quarter of the samples of a `segment --version` run on an
    /// AVX2 host. The parse of a command line naming a verb never looks at the other verbs, so its result is the same.
    /// </remarks>
    public static RootCommand BuildRoot(CliContext context, IReadOnlyList<string> args) => BuildRoot(context, ReachableVerbs(args));

    /// <summary>The verbs <paramref name="args"/> can reach (see <see cref="BuildRoot(CliContext, IReadOnlyList{string})"/>).</summary>
    public static IReadOnlySet<string> ReachableVerbs(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [RootVersionOption])
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        // The first token that is not an option is the verb (the root's only other option, --verbose, takes no value).
        var first = args.FirstOrDefault(a => !a.StartsWith('-'));
        return first is not null && AllVerbs.Contains(first) ? new HashSet<string>([first], StringComparer.Ordinal) : AllVerbs;
    }

    private const string RootVersionOption = "--version";

    private static RootCommand BuildRoot(CliContext context, IReadOnlySet<string> verbs)
    {
        var root = new RootCommand("segment: customer segmentation experiments tracked in MLflow");
        root.Options.Add(new Option<bool>(CommandErrors.VerboseOption)
        {
            Description = $"On an error, also print the stack trace (as {CommandErrors.DebugVariable}=1 does)",
            Recursive = true,
        });
        foreach (var (name, create) in Verbs)
        {
            if (verbs.Contains(name))
            {
                root.Subcommands.Add(create(context));
            }
        }

        return root;
    }

    private static Command DataCommand(CliContext context)
    {
        var data = new Command("data", "Ingest transactions, build customer features, manage dataset versions");
        data.Subcommands.Add(new DataFeaturesCommand(context));
        data.Subcommands.Add(new DatasetIngestCommand(context));
        data.Subcommands.Add(new DatasetListCommand(context));
        data.Subcommands.Add(new DatasetShowCommand(context));
        data.Subcommands.Add(new DatasetVerifyCommand(context));
        return data;
    }

    /// <summary>
    /// The process entry point, shared by the repository-root launcher and <c>src/Segmentation.Cli</c>: runs the command
    /// line on the console, the first Ctrl-C cancelling the verb.
    /// </summary>
    public static async Task<int> MainAsync(string[] args)
    {
        // Here, in the process's entry point, and not in RunAsync: tests run commands in-process through RunAsync.
        using var jitProfile = JitProfile.Start(args, Environment.GetEnvironmentVariable, TimeProvider.System);
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
        return await InvokeAsync(BuildRoot(context, args).Parse(args), output, error, cancellationToken).ConfigureAwait(false);
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
