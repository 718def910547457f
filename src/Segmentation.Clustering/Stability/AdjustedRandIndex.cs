using Segmentation.Clustering.Metrics;

namespace Segmentation.Clustering.Stability;

/// <summary>
/// Adjusted Rand index (Hubert &amp; Arabie 1985, "Comparing partitions", Journal of Classification 2), computed as
/// scikit-learn's adjusted_rand_score from the pair confusion matrix in exact integer arithmetic.
/// </summary>
public static class AdjustedRandIndex
{
    /// <summary>Agreement of two labelings of the same points: 1 for the same partition, about 0 for chance; −1 is a label like any other.</summary>
    /// <exception cref="ArgumentException">Different lengths or no points.</exception>
    public static double Score(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException(InputChecks.Invariant($"a has {a.Length} labels but b has {b.Length}."), nameof(b));
        }

        if (a.IsEmpty)
        {
            throw new ArgumentException("a is empty; the adjusted Rand index needs at least one point.", nameof(a));
        }

        var rowOf = Compact(a, out var rows);
        var columnOf = Compact(b, out var columns);
        var cells = new Dictionary<long, long>();
        var rowSums = new long[rows];
        var columnSums = new long[columns];
        for (var i = 0; i < a.Length; i++)
        {
            var key = ((long)rowOf[i] * columns) + columnOf[i];
            cells[key] = cells.GetValueOrDefault(key) + 1;
            rowSums[rowOf[i]]++;
            columnSums[columnOf[i]]++;
        }

        Int128 n = a.Length;
        Int128 sumSquares = 0;
        foreach (var count in cells.Values)
        {
            sumSquares += (Int128)count * count;
        }

        Int128 rowSquares = 0;
        foreach (var s in rowSums)
        {
            rowSquares += (Int128)s * s;
        }

        Int128 columnSquares = 0;
        foreach (var s in columnSums)
        {
            columnSquares += (Int128)s * s;
        }

        // Pair confusion matrix (ordered pairs), as scikit-learn's pair_confusion_matrix.
        var tp = sumSquares - n;
        var fp = columnSquares - sumSquares;
        var fn = rowSquares - sumSquares;
        var tn = (n * n) - fp - fn - sumSquares;
        if (fn == 0 && fp == 0)
        {
            return 1.0;
        }

        var numerator = 2 * ((tp * tn) - (fn * fp));
        var denominator = ((tp + fn) * (fn + tn)) + ((tp + fp) * (fp + tn));
        return (double)numerator / (double)denominator;
    }

    private static int[] Compact(ReadOnlySpan<int> labels, out int count)
    {
        var map = new Dictionary<int, int>();
        var result = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out var c))
            {
                c = map.Count;
                map[labels[i]] = c;
            }

            result[i] = c;
        }

        count = map.Count;
        return result;
    }
}
