namespace Segmentation.Cli;

/// <summary>The process exit codes of every <c>segment</c> verb; <see cref="CommandErrors"/> maps failures to them.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked (for <c>promote</c>: the model was promoted).</summary>
    public const int Success = 0;

    /// <summary>The promotion gate failed; the registry was not touched.</summary>
    public const int GateFailed = 1;

    /// <summary>Bad usage, configuration, input data or a tracking store refusal; the message names the file, line, key or column.</summary>
    public const int UsageOrDataError = 2;

    /// <summary>The tracking server could not be reached.</summary>
    public const int TrackingUnreachable = 3;

    /// <summary>A bug in this tool (an exception outside the user-facing error family); EX_SOFTWARE from sysexits.h.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted with Ctrl-C (128 + SIGINT, what shells report for an interrupted command).</summary>
    public const int Cancelled = 130;
}
