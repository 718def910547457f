using System.Runtime.CompilerServices;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Features;

/// <summary>
/// Aggregates cleaned transactions into one row per customer, every catalogue feature (see <see cref="FeatureCatalog"/>).
/// Each row is folded into its own customer's state (<see cref="CustomerAggregator"/>) and every feature of a customer is
/// computed from that state alone, so a per-customer value can never be attached to another customer (a bug found in a
/// seed project that merged rates after rows had been dropped).
/// </summary>
public static class CustomerFeatureBuilder
{
    /// <summary>Builds the features of every customer with a purchase and positive monetary, ordered by customer id.</summary>
    /// <param name="table">Cleaned transactions.</param>
    /// <param name="options">Reference date and home country.</param>
    /// <param name="isCancellation">Whether an invoice number is a cancellation (e.g. starts with <c>C</c>).</param>
    // Fully optimised from the first call: a one-shot run spends its time in these loops, and tier-0 code would
    // process much of the file before on-stack replacement catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CustomerFeatureResult Build(TransactionTable table, FeatureOptions options, Func<string, bool> isCancellation)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(isCancellation);
        var customers = new CustomerAggregator();
        var cancelled = table.Invoice.Values.Select(isCancellation).ToArray();
        var invoice = table.Invoice.Codes;
        var stock = table.StockCode.Codes;
        var description = table.Description.Codes;
        var country = table.Country.Codes;
        var quantity = table.Quantity;
        var timestamp = table.Timestamp;
        var price = table.UnitPriceMilli;
        var customer = table.CustomerIdRaw;
        for (var r = 0; r < table.RowCount; r++)
        {
            customers.Add(invoice[r], stock[r], description[r], quantity[r], timestamp[r], price[r], customer[r], country[r], cancelled[invoice[r]]);
        }

        return customers.Finish(options, table.Country.Values);
    }
}
