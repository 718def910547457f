using Segmentation.Core.Errors;

namespace Segmentation.Runner.Selection;

/// <summary>Selection cannot start: the experiment, the sweep's parent run or its trials are not where they were asked for.</summary>
/// <remarks>A usage or data error (exit code 2), unlike "no trial qualifies", which is a normal selection result.</remarks>
public sealed class SelectionException : SegmentationException
{
    public SelectionException()
        : this("trial selection failed")
    {
    }

    public SelectionException(string message)
        : base(message)
    {
    }

    public SelectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Usage;
}
