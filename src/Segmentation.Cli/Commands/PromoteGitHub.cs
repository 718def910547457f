namespace Segmentation.Cli.Commands;

/// <summary>What <c>segment promote</c> tells GitHub Actions: the job summary file and error annotations.</summary>
/// <param name="environment">Reads environment variables (tests pass a dictionary lookup).</param>
public sealed class PromoteGitHub(Func<string, string?> environment)
{
    /// <summary>The variable GitHub Actions sets to the job summary file of the current step.</summary>
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    /// <summary>The variable GitHub Actions sets to <c>true</c> in every step.</summary>
    public const string ActionsVariable = "GITHUB_ACTIONS";

    private readonly Func<string, string?> _environment = environment ?? throw new ArgumentNullException(nameof(environment));

    /// <summary>Whether the process runs in a GitHub Actions step.</summary>
    public bool InActions => string.Equals(_environment(ActionsVariable), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Appends Markdown to the job summary when <c>GITHUB_STEP_SUMMARY</c> is set; reports a write failure on <paramref name="error"/>.</summary>
    public async Task AppendSummaryAsync(string markdown, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(error);
        var path = _environment(StepSummaryVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        try
        {
            await File.AppendAllTextAsync(path, markdown + "\n", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The summary is a report, not the decision: failing to write it must not change the exit code.
            await error.WriteLineAsync($"warning: could not append the job summary to {path}: {ex.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>Writes an <c>::error::</c> workflow command when running in GitHub Actions.</summary>
    public async Task AnnotateErrorAsync(TextWriter output, string title, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!InActions)
        {
            return;
        }

        await output.WriteLineAsync($"::error title={EscapeProperty(title)}::{EscapeData(message)}").ConfigureAwait(false);
    }

    // GitHub's workflow-command escaping: data escapes %, CR and LF; properties also ':' and ','.
    private static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
