namespace Segmentation.Data.Features;

/// <summary>Customers found in the cleaned rows and those dropped before the outlier policy.</summary>
/// <param name="CustomersSeen">Distinct customer ids in the cleaned rows.</param>
/// <param name="NoPurchase">Dropped: no purchase invoice (only cancellations).</param>
/// <param name="NonPositiveMonetary">Dropped: has a purchase but net monetary &lt;= 0.</param>
/// <param name="RowsWithoutCustomer">Cleaned rows without a customer id (only when rule 1 is off), not attributed.</param>
public sealed record CustomerDropReport(int CustomersSeen, int NoPurchase, int NonPositiveMonetary, long RowsWithoutCustomer)
{
    /// <summary>Customers left.</summary>
    public int Kept => CustomersSeen - NoPurchase - NonPositiveMonetary;
}
