using Segmentation.Data.Cleaning;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Products;

namespace Segmentation.Data.Pipeline;

/// <summary>Everything one pipeline run produced: reports of each stage and the final feature table.</summary>
/// <param name="InputPath">Full path of the raw transactions file read.</param>
/// <param name="Ingestion">Rows read and rejected, header names used.</param>
/// <param name="Cleaning">Rows removed per cleaning rule.</param>
/// <param name="ReferenceDate">The reference date for recency and tenure.</param>
/// <param name="Customers">Customers seen and dropped (no purchase, monetary &lt;= 0).</param>
/// <param name="Outliers">What the outlier policy removed.</param>
/// <param name="Table">The feature table: included features only, outliers removed.</param>
/// <param name="Products">The distinct (customer, product) purchases of the cleaned transactions, for products per segment.</param>
public sealed record FeatureBuildResult(
    string InputPath,
    IngestionReport Ingestion,
    CleaningReport Cleaning,
    DateOnly ReferenceDate,
    CustomerDropReport Customers,
    OutlierReport Outliers,
    CustomerFeatureTable Table,
    CustomerProducts? Products = null);
