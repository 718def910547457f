using Segmentation.Core.Errors;

namespace Segmentation.Data.Versioning;

/// <summary>A dataset store problem a user can act on: an unknown or ambiguous digest, or a damaged store.</summary>
public sealed class DatasetStoreException : SegmentationException
{
    public DatasetStoreException()
        : this("dataset store error")
    {
    }

    public DatasetStoreException(string message)
        : base(message)
    {
    }

    public DatasetStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Data;
}
