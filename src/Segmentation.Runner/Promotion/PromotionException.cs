using Segmentation.Core.Errors;

namespace Segmentation.Runner.Promotion;

/// <summary>A promotion could not be carried out for a reason in the data (e.g. the best trial has no model artifact).</summary>
/// <remarks>A usage or data error (exit code 2); the message names the run, model or version concerned.</remarks>
public sealed class PromotionException : SegmentationException
{
    public PromotionException()
        : this("promotion failed")
    {
    }

    public PromotionException(string message)
        : base(message)
    {
    }

    public PromotionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Data;
}
