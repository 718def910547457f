using System.Globalization;

namespace Segmentation.Clustering.Decomposition;

/// <summary>A fitted principal component analysis: centre, project onto the components, optionally whiten.</summary>
/// <param name="Mean">Per-feature training mean.</param>
/// <param name="Components">Principal axes, one per row (components × features), unit length.</param>
/// <param name="ExplainedVariance">Variance of each component's scores (ddof = 1).</param>
/// <param name="ExplainedVarianceRatio">Share of the total variance each component explains.</param>
/// <param name="Whiten">Whether scores are divided by √<see cref="ExplainedVariance"/>.</param>
public sealed record FittedPca(
    double[] Mean,
    Matrix Components,
    double[] ExplainedVariance,
    double[] ExplainedVarianceRatio,
    bool Whiten)
{
    /// <summary>Number of output components.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int ComponentCount => Components.Rows;

    /// <summary>Projects a copy of <paramref name="x"/>.</summary>
    public Matrix Transform(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Cols != Mean.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Input has {x.Cols} columns; PCA was fitted on {Mean.Length}."),
                nameof(x));
        }

        var result = new Matrix(x.Rows, ComponentCount);
        var buffer = new double[x.Cols];
        for (var i = 0; i < x.Rows; i++)
        {
            TransformRow(x.RowReadOnly(i), result.Row(i), buffer);
        }

        return result;
    }

    /// <summary>Projects one row; <paramref name="scratch"/> needs one slot per input feature.</summary>
    public void TransformRow(ReadOnlySpan<double> row, Span<double> destination, Span<double> scratch)
    {
        var d = Mean.Length;
        for (var j = 0; j < d; j++)
        {
            scratch[j] = row[j] - Mean[j];
        }

        for (var c = 0; c < ComponentCount; c++)
        {
            // A plain ordered sum: the same bits whatever the buffers' alignment, so a saved pipeline predicts identically.
            var axis = Components.RowReadOnly(c);
            var dot = 0.0;
            for (var j = 0; j < d; j++)
            {
                dot += scratch[j] * axis[j];
            }

            destination[c] = Whiten ? dot / Math.Sqrt(ExplainedVariance[c]) : dot;
        }
    }
}
