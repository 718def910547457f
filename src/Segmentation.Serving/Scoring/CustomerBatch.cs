using Segmentation.Data.Features;

namespace Segmentation.Serving.Scoring;

/// <summary>The customers of one input ready to score, and those that cannot be.</summary>
/// <param name="InputPath">The input file, full path.</param>
/// <param name="IsCustomerTable">Whether the input was a customer (feature) table rather than raw transactions.</param>
/// <param name="Features">One row per scorable customer: the model's features, and every other feature the input gave.</param>
/// <param name="Unscored">Customers in the input without a segment, with the reason.</param>
/// <param name="ReferenceDate">The reference date the features were built with (null for a customer table).</param>
/// <param name="TransactionRows">Transaction rows read (0 for a customer table).</param>
/// <param name="RowsWithoutCustomer">Transaction rows with no customer id, which no customer can own.</param>
public sealed record CustomerBatch(
    string InputPath,
    bool IsCustomerTable,
    CustomerFeatureTable Features,
    IReadOnlyList<UnscoredCustomer> Unscored,
    DateOnly? ReferenceDate,
    long TransactionRows,
    long RowsWithoutCustomer);
