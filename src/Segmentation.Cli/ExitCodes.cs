namespace Segmentation.Cli;

/// <summary>The process exit codes of every <c>segment</c> verb.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked (for <c>promote</c>: the model was promoted).</summary>
    public const int Success = 0;

    /// <summary>The promotion gate failed; the registry was not touched.</summary>
    public const int GateFailed = 1;

    /// <summary>Bad usage, configuration or input data; the message names the file, line, key or column.</summary>
    public const int UsageOrDataError = 2;

    /// <summary>The tracking server could not be reached.</summary>
    public const int TrackingUnreachable = 3;
}
