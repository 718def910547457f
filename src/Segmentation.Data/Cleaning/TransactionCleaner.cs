using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Cleaning;

/// <summary>Applies the cleaning rules in their fixed order and counts what each removes.</summary>
public static class TransactionCleaner
{
    /// <summary>Runs rules 1–5 (those enabled) over <paramref name="table"/>.</summary>
    // Fully optimised from the first call: a one-shot run spends its time in these loops, and tier-0 code would
    // process much of the file before on-stack replacement catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CleaningResult Clean(TransactionTable table, CleaningOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rows = new int[table.RowCount];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i;
        }

        var count = rows.Length;
        var outcomes = new List<RuleOutcome>(5);

        var customer = table.CustomerIdRaw;
        count = Apply(outcomes, CleaningRule.MissingCustomer, options.DropMissingCustomer, rows, count, table, static (t, r) => t.CustomerIdRaw[r] != TransactionTable.NoCustomer);

        if (options.DropDuplicates)
        {
            var seen = new HashSet<RowKey>(count);
            var kept = 0;
            var inv = table.Invoice.Codes;
            var stock = table.StockCode.Codes;
            var desc = table.Description.Codes;
            var qty = table.Quantity;
            var ts = table.Timestamp;
            var price = table.UnitPriceMilli;
            var country = table.Country.Codes;
            for (var i = 0; i < count; i++)
            {
                var r = rows[i];
                // Dictionary codes are one per distinct text, so equal codes mean equal text.
                if (seen.Add(new RowKey(inv[r], stock[r], desc[r], qty[r], ts[r].Ticks, price[r], customer[r], country[r])))
                {
                    rows[kept++] = r;
                }
            }

            outcomes.Add(new RuleOutcome(CleaningRule.Duplicates, true, count - kept));
            count = kept;
        }
        else
        {
            outcomes.Add(new RuleOutcome(CleaningRule.Duplicates, false, 0));
        }

        var regex = new Regex(options.StockCodePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var isProduct = table.StockCode.Values.Select(v => regex.IsMatch(v)).ToArray();
        count = Apply(outcomes, CleaningRule.NonProductCodes, options.ProductCodesOnly, rows, count, table, (t, r) => isProduct[t.StockCode.Codes[r]]);
        count = Apply(outcomes, CleaningRule.NonPositivePrice, options.DropNonPositivePrice, rows, count, table, static (t, r) => t.UnitPriceMilli[r] > 0);
        var isCancellation = table.Invoice.Values.Select(options.IsCancellation).ToArray();
        count = Apply(outcomes, CleaningRule.NonPositiveQuantity, options.DropNonPositiveQuantity, rows, count, table,
            (t, r) => t.Quantity[r] > 0 || isCancellation[t.Invoice.Codes[r]]);

        var cleaned = count == table.RowCount ? table : table.Select(rows.AsSpan(0, count));
        return new CleaningResult(cleaned, new CleaningReport(table.RowCount, count, outcomes));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Apply(List<RuleOutcome> outcomes, CleaningRule rule, bool enabled, int[] rows, int count, TransactionTable table, Func<TransactionTable, int, bool> keep)
    {
        if (!enabled)
        {
            outcomes.Add(new RuleOutcome(rule, false, 0));
            return count;
        }

        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (keep(table, rows[i]))
            {
                rows[kept++] = rows[i];
            }
        }

        outcomes.Add(new RuleOutcome(rule, true, count - kept));
        return kept;
    }

    private readonly record struct RowKey(int Invoice, int StockCode, int Description, int Quantity, long Ticks, long Price, long Customer, int Country);
}
