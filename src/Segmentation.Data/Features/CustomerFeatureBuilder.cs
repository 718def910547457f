using System.Runtime.CompilerServices;
using Segmentation.Data.Configuration;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Features;

/// <summary>
/// Aggregates cleaned transactions into one row per customer, every catalogue feature (see <see cref="FeatureCatalog"/>).
/// Rows are grouped by customer once and every feature of a customer is computed from that customer's own rows, so a
/// per-customer value can never be attached to another customer (a bug found in a seed project that merged rates
/// after rows had been dropped).
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
        if (table.RowCount == 0)
        {
            throw new DataFormatException("no transactions are left after cleaning; check the cleaning rules and the input");
        }

        var timestamps = table.Timestamp;
        var latest = timestamps[0];
        foreach (var t in timestamps)
        {
            latest = t > latest ? t : latest;
        }

        var latestDay = DateOnly.FromDateTime(latest);
        var reference = options.ReferenceDate ?? latestDay.AddDays(1);
        if (reference <= latestDay)
        {
            throw new ConfigException(FormattableString.Invariant(
                $"features.reference_date {reference:yyyy-MM-dd} must be after the latest cleaned transaction ({latestDay:yyyy-MM-dd})"));
        }

        // Group rows by customer with a counting sort; within a customer rows keep file order.
        var customers = table.CustomerIdRaw;
        var index = new Dictionary<long, int>();
        var rowCustomer = new int[table.RowCount];
        long withoutCustomer = 0;
        for (var r = 0; r < customers.Length; r++)
        {
            if (customers[r] == TransactionTable.NoCustomer)
            {
                rowCustomer[r] = -1;
                withoutCustomer++;
                continue;
            }

            if (!index.TryGetValue(customers[r], out var c))
            {
                c = index.Count;
                index.Add(customers[r], c);
            }

            rowCustomer[r] = c;
        }

        var start = new int[index.Count + 1];
        foreach (var c in rowCustomer)
        {
            if (c >= 0)
            {
                start[c + 1]++;
            }
        }

        for (var c = 0; c < index.Count; c++)
        {
            start[c + 1] += start[c];
        }

        var grouped = new int[start[^1]];
        var fill = start[..^1];
        for (var r = 0; r < rowCustomer.Length; r++)
        {
            if (rowCustomer[r] >= 0)
            {
                grouped[fill[rowCustomer[r]]++] = r;
            }
        }

        var cancelled = table.Invoice.Values.Select(isCancellation).ToArray();
        var homeCountry = table.Country.Values.Select(v => v == options.HomeCountry).ToArray();
        var countryValues = table.Country.Values;
        var order = index.OrderBy(kv => kv.Key).ToArray();
        var calculator = new CustomerCalculator(table, cancelled, homeCountry, countryValues, reference);
        var names = FeatureCatalog.Names;
        var rows = new List<double[]>(order.Length);
        var ids = new List<long>(order.Length);
        var exact = new List<decimal>(order.Length);
        int noPurchase = 0, nonPositive = 0;
        foreach (var (id, c) in order)
        {
            var values = new double[names.Count];
            switch (calculator.Compute(grouped.AsSpan(start[c], start[c + 1] - start[c]), values, out var monetary))
            {
                case CustomerCalculator.Outcome.NoPurchase:
                    noPurchase++;
                    continue;
                case CustomerCalculator.Outcome.NonPositiveMonetary:
                    nonPositive++;
                    continue;
            }

            ids.Add(id);
            rows.Add(values);
            exact.Add(monetary);
        }

        var columns = new double[names.Count][];
        for (var j = 0; j < names.Count; j++)
        {
            var column = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                column[i] = rows[i][j];
            }

            columns[j] = column;
        }

        var features = new CustomerFeatureTable([.. ids], names, columns, [.. exact]);
        return new CustomerFeatureResult(features, reference, new CustomerDropReport(index.Count, noPurchase, nonPositive, withoutCustomer));
    }
}
