using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Planning;

/// <summary>A (scaler, reduction) pair: the unit of preprocessing shared by every k and algorithm.</summary>
public sealed record PreprocessingKey(string Scaler, ReductionChoice Reduction)
{
    /// <summary>A label such as <c>robust-pca3</c> or <c>standard</c>.</summary>
    public override string ToString() => Reduction.IsPca ? $"{Scaler}-{Reduction.Label}" : Scaler;
}
