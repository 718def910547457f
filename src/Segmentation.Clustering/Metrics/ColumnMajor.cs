using System.Runtime.CompilerServices;

namespace Segmentation.Clustering.Metrics;

/// <summary>Column-major copies of a matrix: one contiguous run per feature, so SIMD loops run over many points at once.</summary>
internal static class ColumnMajor
{
    /// <summary>Feature f of row i at <c>[f·rows + i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] From(Matrix x)
    {
        var n = x.Rows;
        var d = x.Cols;
        var result = GC.AllocateUninitializedArray<double>(n * d);
        var data = x.Data;
        for (var i = 0; i < n; i++)
        {
            for (var f = 0; f < d; f++)
            {
                result[(f * n) + i] = data[(i * d) + f];
            }
        }

        return result;
    }

    /// <summary>
    /// Selected rows in the given order, feature f of the p-th selected row at <c>[f·count + p]</c>; features from
    /// <c>x.Cols</c> up to <paramref name="columns"/> are zero (padding that adds exactly nothing to a squared distance).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] From(Matrix x, ReadOnlySpan<int> rows, int columns)
    {
        var n = rows.Length;
        var d = x.Cols;
        var result = new double[n * columns];
        var data = x.Data;
        for (var p = 0; p < n; p++)
        {
            var offset = rows[p] * d;
            for (var f = 0; f < d; f++)
            {
                result[(f * n) + p] = data[offset + f];
            }
        }

        return result;
    }
}
