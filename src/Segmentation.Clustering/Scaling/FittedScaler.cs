using System.Globalization;

namespace Segmentation.Clustering.Scaling;

/// <summary>Scalers fitted on training data, one per column, applied again at predict time.</summary>
/// <param name="FeatureNames">The input feature names, in column order.</param>
/// <param name="Columns">One fitted scaler per column.</param>
public sealed record FittedScaler(IReadOnlyList<string> FeatureNames, IReadOnlyList<ColumnScaler> Columns)
{
    /// <summary>Scales a copy of <paramref name="x"/>.</summary>
    public Matrix Transform(Matrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckWidth(x.Cols, nameof(x));
        var result = new Matrix(x.Rows, x.Cols);
        for (var i = 0; i < x.Rows; i++)
        {
            TransformRow(x.RowReadOnly(i), result.Row(i), i);
        }

        return result;
    }

    /// <summary>Scales one row into <paramref name="destination"/>; <paramref name="rowIndex"/> only names a bad value in errors.</summary>
    public void TransformRow(ReadOnlySpan<double> row, Span<double> destination, int rowIndex = 0)
    {
        CheckWidth(row.Length, nameof(row));
        for (var j = 0; j < row.Length; j++)
        {
            destination[j] = Columns[j].Apply(row[j], FeatureNames[j], rowIndex);
        }
    }

    private void CheckWidth(int cols, string paramName)
    {
        if (cols != Columns.Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Input has {cols} columns; the scaler was fitted on {Columns.Count}."),
                paramName);
        }
    }
}
