using System.CommandLine;
using Segmentation.Core.Errors;
using Segmentation.Parquet;

namespace Segmentation.Cli;

/// <summary>The one place failures become exit codes: a one-line message for each, a stack trace only on request.</summary>
public static class CommandErrors
{
    /// <summary>The global option (on the root, recursive) that adds the stack trace to an error.</summary>
    public const string VerboseOption = "--verbose";

    /// <summary>The environment variable that, set to 1, adds the stack trace to an error (for runs whose command line is fixed, e.g. CI).</summary>
    public const string DebugVariable = "SEGMENTATION_DEBUG";

    /// <summary>
    /// Runs a verb body; any failure prints one line to the error stream and returns its exit code. The parse result
    /// tells whether <c>--verbose</c> was given, and the invocation token tells Ctrl-C apart from a timeout.
    /// </summary>
    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> body, ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return await ReportAsync(context.Error, ex, IsVerbose(parse), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the one-line message for <paramref name="exception"/> (and, when verbose, its stack trace) and returns its exit code.</summary>
    public static async Task<int> ReportAsync(TextWriter error, Exception exception, bool verbose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(exception);
        var code = ExitCodeFor(exception, cancellationToken);
        await error.WriteLineAsync(Describe(exception, code)).ConfigureAwait(false);
        if (verbose || string.Equals(Environment.GetEnvironmentVariable(DebugVariable), "1", StringComparison.Ordinal))
        {
            await error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
        }

        return code;
    }

    /// <summary>The one line printed for a failure with exit code <paramref name="code"/> (from <see cref="ExitCodeFor(Exception, CancellationToken)"/>).</summary>
    public static string Describe(Exception exception, int code)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return code switch
        {
            ExitCodes.Cancelled => "error: cancelled",
            ExitCodes.TrackingUnreachable => "error: tracking server unreachable: " + exception.Message,
            ExitCodes.InternalError => $"internal error: {exception.GetType().FullName}: {exception.Message} "
                + $"(run again with {VerboseOption} or {DebugVariable}=1 for the stack trace)",
            _ => "error: " + exception.Message,
        };
    }

    /// <summary>
    /// The exit code of a failure: the user-facing family by its <see cref="ErrorKind"/>, Ctrl-C as cancelled, and
    /// anything else as an internal error — an exception outside the family is a bug, never a usage error.
    /// </summary>
    /// <param name="exception">What escaped the verb.</param>
    /// <param name="cancellationToken">The invocation's token; without one, the exception's own token decides whether it was Ctrl-C.</param>
    public static int ExitCodeFor(Exception exception, CancellationToken cancellationToken = default) => exception switch
    {
        OperationCanceledException oce when (cancellationToken.CanBeCanceled ? cancellationToken : oce.CancellationToken).IsCancellationRequested
            => ExitCodes.Cancelled,

        // After Ctrl-C the verb closes its runs over uncancellable calls; a server that is down makes those fail, but the
        // user stopped the verb: that is what the exit code reports (the transport already said the server was not answering).
        SegmentationException { Kind: ErrorKind.TrackingUnreachable } when cancellationToken.IsCancellationRequested => ExitCodes.Cancelled,
        SegmentationException family => ExitCodeFor(family.Kind),

        // Segmentation.Parquet is a standalone file-format library with no dependencies, so its single exception type
        // stays outside the family; it only ever means a malformed, truncated or unsupported file.
        ParquetException => ExitCodeFor(ErrorKind.Data),

        // The platform refusing a file operation at an I/O boundary (permission denied, disk full, a sharing violation)
        // is the machine's state, not a bug, and its message names the path. Missing files are not in this list: each
        // place that opens a user's path checks it and throws a Data or Config error naming it.
        UnauthorizedAccessException => ExitCodeFor(ErrorKind.Data),
        IOException and not (FileNotFoundException or DirectoryNotFoundException) => ExitCodeFor(ErrorKind.Data),
        _ => ExitCodes.InternalError,
    };

    /// <summary>The exit code of each kind of user-facing failure.</summary>
    public static int ExitCodeFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Usage or ErrorKind.Config or ErrorKind.Data or ErrorKind.Tracking => ExitCodes.UsageOrDataError,
        ErrorKind.TrackingUnreachable => ExitCodes.TrackingUnreachable,
        ErrorKind.GateFailed => ExitCodes.GateFailed,
        _ => ExitCodes.InternalError,
    };

    /// <summary>Whether <c>--verbose</c> was given on this command line.</summary>
    /// <remarks>A verb parsed on its own (tests) has no root option, so the symbol is looked up rather than assumed.</remarks>
    public static bool IsVerbose(ParseResult? parse) =>
        parse?.RootCommandResult.Command.Options.FirstOrDefault(o => o.Name == VerboseOption) is Option<bool> verbose && parse.GetValue(verbose);
}
