using System.Globalization;

namespace Segmentation.Clustering.Metrics;

/// <summary>Argument checks shared by the part-B algorithms, so every entry point rejects bad input the same way.</summary>
internal static class InputChecks
{
    /// <summary>Rejects null, fewer than <paramref name="minRows"/> rows, no columns, and NaN or infinite values.</summary>
    public static void Matrix(Matrix? x, string paramName, int minRows = 2)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        if (x.Rows < minRows)
        {
            throw new ArgumentException(
                Invariant($"{paramName} has {x.Rows} row(s); at least {minRows} samples are needed."), paramName);
        }

        if (x.Cols < 1)
        {
            throw new ArgumentException(Invariant($"{paramName} has 0 columns; at least one feature is needed."), paramName);
        }

        x.Validate(paramName);
    }

    /// <summary>Rejects a matrix whose rows are all the same point: every clustering of it is arbitrary.</summary>
    public static void NotAllIdentical(Matrix x, string paramName)
    {
        var first = x.RowReadOnly(0);
        for (var i = 1; i < x.Rows; i++)
        {
            if (!x.RowReadOnly(i).SequenceEqual(first))
            {
                return;
            }
        }

        throw new ArgumentException(
            Invariant($"All {x.Rows} rows of {paramName} are the same point ({string.Join(", ", first.ToArray())}); there is nothing to cluster."),
            paramName);
    }

    /// <summary>Rejects a label array whose length differs from the number of samples.</summary>
    public static void LabelCount(int labelCount, int sampleCount, string paramName)
    {
        if (labelCount != sampleCount)
        {
            throw new ArgumentException(
                Invariant($"{paramName} has {labelCount} labels but the data has {sampleCount} samples."), paramName);
        }
    }

    /// <summary>Rejects a cluster count outside [2, <paramref name="sampleCount"/>].</summary>
    public static void ClusterCount(int k, int sampleCount, string paramName)
    {
        if (k < 2 || k > sampleCount)
        {
            throw new ArgumentOutOfRangeException(
                paramName, k, Invariant($"{paramName} = {k}; the number of clusters must be in [2, {sampleCount}] (the number of samples)."));
        }
    }

    /// <summary>Formats with the invariant culture.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
