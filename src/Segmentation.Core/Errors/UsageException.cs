namespace Segmentation.Core.Errors;

/// <summary>A command-line value or combination is not valid; the message names the option and the allowed values.</summary>
public sealed class UsageException : SegmentationException
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Usage;
}
