namespace Segmentation.Core.Errors;

/// <summary>What kind of user-facing failure a <see cref="SegmentationException"/> is; the CLI maps each kind to one exit code.</summary>
public enum ErrorKind
{
    /// <summary>The command line itself is wrong: an unknown value, a missing option, a conflicting combination.</summary>
    Usage,

    /// <summary>A configuration file (params.yaml, a sweep config) is wrong; the message names the file, line, column and key.</summary>
    Config,

    /// <summary>Input data is wrong: a transactions file, a dataset version, a model folder; the message names the file and field.</summary>
    Data,

    /// <summary>The tracking store refused or failed a request (missing run, bad parameter, locked, read-only or corrupt database).</summary>
    Tracking,

    /// <summary>The tracking server could not be reached at all.</summary>
    TrackingUnreachable,

    /// <summary>A quality gate refused the result; nothing was promoted.</summary>
    GateFailed,
}
