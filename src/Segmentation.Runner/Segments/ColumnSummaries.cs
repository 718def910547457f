using System.Runtime.CompilerServices;
using Segmentation.Runner.Data;

namespace Segmentation.Runner.Segments;

/// <summary>
/// What segment profiles and names need of the whole training table — each column's mean, standard deviation and sorted
/// values — computed once per table and shared by every trial of a sweep (they depend on the table, never on the labels).
/// </summary>
internal sealed class ColumnSummaries
{
    // Keyed by the table object: a sweep's trials all profile the same TrainingData instance; a dropped table drops its entry.
    private static readonly ConditionalWeakTable<TrainingData, ColumnSummaries> Cache = [];

    private readonly Dictionary<string, double[]> _columns;
    private readonly Dictionary<string, double> _means;
    private readonly Dictionary<string, Lazy<double>> _spread;
    private readonly Dictionary<string, Lazy<double[]>> _sorted;
    private readonly Dictionary<string, Lazy<int[]>> _ascending;

    private ColumnSummaries(TrainingData data)
    {
        _columns = data.Columns.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        _means = data.Columns.ToDictionary(c => c.Key, c => c.Value.Average(), StringComparer.Ordinal);
        // Only the naming rule in use reads these (RFM: three sorted columns; otherwise the spreads), so each is made on first use.
        _spread = _columns.ToDictionary(c => c.Key, c => new Lazy<double>(() => StandardDeviation(c.Value, _means[c.Key])), StringComparer.Ordinal);
        _sorted = _columns.ToDictionary(c => c.Key, c => new Lazy<double[]>(() => Sorted(c.Value)), StringComparer.Ordinal);
        _ascending = _columns.ToDictionary(c => c.Key, c => new Lazy<int[]>(() => Ascending(c.Value)), StringComparer.Ordinal);
    }

    /// <summary>The summaries of <paramref name="data"/>, made on first use and kept while the table lives.</summary>
    public static ColumnSummaries Of(TrainingData data) => Cache.GetValue(data, d => new ColumnSummaries(d));

    /// <summary>Column name → its values, in table order.</summary>
    public IReadOnlyDictionary<string, double[]> Columns => _columns;

    /// <summary>Column name → the mean over all customers.</summary>
    public IReadOnlyDictionary<string, double> Means => _means;

    /// <summary>The population standard deviation of a column.</summary>
    public double Spread(string column) => _spread[column].Value;

    /// <summary>A column's values in ascending order (the caller must not change them).</summary>
    public IReadOnlyList<double> SortedValues(string column) => _sorted[column].Value;

    /// <summary>A column's row indices in ascending order of its values (the caller must not change them).</summary>
    public ReadOnlySpan<int> AscendingRows(string column) => _ascending[column].Value;

    // The rows by value; rows with equal values keep their order (a stable sort), though equal values are interchangeable anyway.
    private static int[] Ascending(double[] values)
    {
        var rows = new int[values.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
        }

        return [.. rows.OrderBy(row => values[row])];
    }

    // An ascending copy: the values LINQ's Order() gives, without its key buffers.
    private static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    private static double StandardDeviation(double[] column, double mean) => Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Length);
}
