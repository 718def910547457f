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

        count = Apply(outcomes, CleaningRule.MissingCustomer, options.DropMissingCustomer, rows, count, table, static (t, r) => t.CustomerIdRaw[r] != TransactionTable.NoCustomer);

        if (options.DropDuplicates)
        {
            var kept = DropDuplicates(table, rows, count);
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

    /// <summary>
    /// Keeps the first of each group of rows equal on all eight fields; returns the rows kept (compacted in place).
    /// An open-addressing table of row numbers (8 bytes per row at most) replaces a set of row copies, so memory stays
    /// a small multiple of the row count. Dictionary codes are one per distinct text, so equal codes mean equal text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DropDuplicates(TransactionTable table, int[] rows, int count)
    {
        var inv = table.Invoice.Codes;
        var stock = table.StockCode.Codes;
        var desc = table.Description.Codes;
        var qty = table.Quantity;
        var ts = table.Timestamp;
        var price = table.UnitPriceMilli;
        var customer = table.CustomerIdRaw;
        var country = table.Country.Codes;
        var slots = new int[(int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count * 2))];
        Array.Fill(slots, -1);
        var mask = slots.Length - 1;
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var r = rows[i];
            var slot = HashCode.Combine(inv[r], stock[r], desc[r], qty[r], ts[r], price[r], customer[r], country[r]) & mask;
            var duplicate = false;
            while (slots[slot] >= 0)
            {
                var o = slots[slot];
                if (inv[o] == inv[r] && stock[o] == stock[r] && desc[o] == desc[r] && qty[o] == qty[r] && ts[o] == ts[r]
                    && price[o] == price[r] && customer[o] == customer[r] && country[o] == country[r])
                {
                    duplicate = true;
                    break;
                }

                slot = (slot + 1) & mask;
            }

            if (!duplicate)
            {
                slots[slot] = r;
                rows[kept++] = r;
            }
        }

        return kept;
    }
}
