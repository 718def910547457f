using Segmentation.Core.Errors;

namespace Segmentation.Serving.Sql;

/// <summary>The segments database refused the scores: unreachable, an incompatible existing table, or a failed write; nothing was committed.</summary>
public sealed class SegmentTableException : SegmentationException
{
    public SegmentTableException()
        : this("the segments table could not be written")
    {
    }

    public SegmentTableException(string message)
        : base(message)
    {
    }

    public SegmentTableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Data;
}
