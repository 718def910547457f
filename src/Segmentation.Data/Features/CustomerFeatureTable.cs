namespace Segmentation.Data.Features;

/// <summary>
/// One row per customer, one <c>double</c> column per feature (column-major), rows ordered by customer id.
/// Monetary is also kept exactly, in decimal, for reports and checks to the cent.
/// </summary>
public sealed class CustomerFeatureTable
{
    private readonly Dictionary<string, double[]> _columns;

    /// <summary>Wraps the columns (not copied); every column has one value per customer.</summary>
    public CustomerFeatureTable(long[] customerIds, IReadOnlyList<string> featureNames, IReadOnlyList<double[]> columns, decimal[] exactMonetary)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(exactMonetary);
        if (featureNames.Count != columns.Count)
        {
            throw new ArgumentException("one column per feature name is required", nameof(columns));
        }

        if (columns.Any(c => c.Length != customerIds.Length) || exactMonetary.Length != customerIds.Length)
        {
            throw new ArgumentException("every column needs one value per customer", nameof(columns));
        }

        CustomerIds = customerIds;
        FeatureNames = featureNames;
        ExactMonetary = exactMonetary;
        _columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var i = 0; i < featureNames.Count; i++)
        {
            if (!_columns.TryAdd(featureNames[i], columns[i]))
            {
                throw new ArgumentException($"feature '{featureNames[i]}' appears twice", nameof(featureNames));
            }
        }
    }

    /// <summary>Customer ids, ascending; row i of every column belongs to <c>CustomerIds[i]</c>.</summary>
    public long[] CustomerIds { get; }

    /// <summary>Feature names in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Each customer's monetary value exactly (the <c>monetary</c> column is this as a double).</summary>
    public decimal[] ExactMonetary { get; }

    /// <summary>Number of customers.</summary>
    public int RowCount => CustomerIds.Length;

    /// <summary>A feature column; throws <see cref="ArgumentException"/> listing the features for an unknown name.</summary>
    public double[] Column(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return _columns.TryGetValue(feature, out var column)
            ? column
            : throw new ArgumentException($"unknown feature '{feature}'; the table has: {string.Join(", ", FeatureNames)}", nameof(feature));
    }

    /// <summary>Row-major matrix of the listed features: value (row r, feature j) at <c>r * features.Count + j</c>.</summary>
    public double[] ToRowMajor(IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = features.Select(Column).ToArray();
        var width = columns.Length;
        var matrix = new double[RowCount * width];
        for (var j = 0; j < width; j++)
        {
            var column = columns[j];
            for (var r = 0; r < column.Length; r++)
            {
                matrix[(r * width) + j] = column[r];
            }
        }

        return matrix;
    }

    /// <summary>A table with only the listed rows (in the given order), all features kept.</summary>
    public CustomerFeatureTable SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ids = rows.Select(r => CustomerIds[r]).ToArray();
        var columns = FeatureNames.Select(name => rows.Select(r => _columns[name][r]).ToArray()).ToArray();
        return new CustomerFeatureTable(ids, FeatureNames, columns, rows.Select(r => ExactMonetary[r]).ToArray());
    }

    /// <summary>A table with only the listed features, in the given order.</summary>
    public CustomerFeatureTable SelectFeatures(IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new CustomerFeatureTable(CustomerIds, features.ToArray(), features.Select(Column).ToArray(), ExactMonetary);
    }
}
