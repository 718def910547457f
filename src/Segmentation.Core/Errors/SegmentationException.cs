namespace Segmentation.Core.Errors;

/// <summary>
/// The base of every failure a user can act on: its message is a complete, one-line explanation naming the file, line,
/// key or field and what was expected, and its <see cref="Kind"/> decides the exit code. Anything else that escapes a
/// command is a programming error and is reported as one.
/// </summary>
public abstract class SegmentationException : Exception
{
    protected SegmentationException(string message)
        : base(message)
    {
    }

    protected SegmentationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What kind of failure this is (usage, config, data, tracking, unreachable, gate).</summary>
    public abstract ErrorKind Kind { get; }
}
