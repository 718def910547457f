using Segmentation.Data.Cleaning;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Pipeline;

/// <summary>A batch of transactions to score, streamed through ingestion, cleaning and features (no outlier policy).</summary>
/// <param name="Ingestion">Rows read and rejected, header names used.</param>
/// <param name="Cleaning">Rows removed per cleaning rule; <c>RowsIn</c> is the rows parsed.</param>
/// <param name="Features">One row per customer with a purchase and positive monetary, the reference date and the drops.</param>
/// <param name="RawCustomers">Every customer id on a parsed row, ascending (those cleaning or the features dropped included).</param>
/// <param name="CleanedCustomers">The customer ids with at least one row left after cleaning.</param>
/// <param name="RawRowsWithoutCustomer">Parsed rows with no customer id.</param>
public sealed record BatchFeatureResult(
    IngestionReport Ingestion,
    CleaningReport Cleaning,
    CustomerFeatureResult Features,
    IReadOnlyList<long> RawCustomers,
    IReadOnlySet<long> CleanedCustomers,
    long RawRowsWithoutCustomer);
