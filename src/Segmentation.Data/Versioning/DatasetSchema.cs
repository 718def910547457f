using Segmentation.Data.Features;

namespace Segmentation.Data.Versioning;

/// <summary>The column layout every stored feature table has: customer id, the features, then exact monetary.</summary>
public static class DatasetSchema
{
    /// <summary>Name of the key column, first in every stored table and exported CSV.</summary>
    public const string CustomerIdColumn = "customer_id";

    /// <summary>Exact net spend as decimal text (Parquet has no decimal here); the <c>monetary</c> feature is its double.</summary>
    public const string ExactMonetaryColumn = "monetary_exact";

    /// <summary>The columns of <paramref name="table"/> in stored order.</summary>
    public static IReadOnlyList<DatasetColumn> Of(CustomerFeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = new List<DatasetColumn>(table.FeatureNames.Count + 2) { new(CustomerIdColumn, "int64") };
        columns.AddRange(table.FeatureNames.Select(name => new DatasetColumn(name, "double")));
        columns.Add(new(ExactMonetaryColumn, "decimal"));
        return columns;
    }
}
