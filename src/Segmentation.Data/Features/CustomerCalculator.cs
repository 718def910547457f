using System.Runtime.CompilerServices;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Features;

/// <summary>Computes one customer's features from that customer's rows; scratch collections are reused across customers.</summary>
internal sealed class CustomerCalculator
{
    private readonly TransactionTable _table;
    private readonly bool[] _cancelled;
    private readonly bool[] _home;
    private readonly IReadOnlyList<string> _countries;
    private readonly DateOnly _reference;
    private readonly int _referenceMonth;
    private readonly HashSet<int> _purchaseInvoices = [];
    private readonly HashSet<int> _cancelInvoices = [];
    private readonly HashSet<int> _products = [];
    private readonly HashSet<int> _days = [];
    private readonly Dictionary<int, DateTime> _invoiceTime = [];
    private readonly Dictionary<int, int> _countryRows = [];
    private readonly int[] _weekdayCounts = new int[7];
    private readonly int[] _hourCounts = new int[24];
    private long[] _monthSpend = new long[64];

    public CustomerCalculator(TransactionTable table, bool[] cancelled, bool[] home, IReadOnlyList<string> countries, DateOnly reference)
    {
        _table = table;
        _cancelled = cancelled;
        _home = home;
        _countries = countries;
        _reference = reference;
        _referenceMonth = MonthIndex(reference.AddDays(-1));
    }

    public enum Outcome
    {
        Kept,
        NoPurchase,
        NonPositiveMonetary,
    }

    /// <summary>Fills <paramref name="values"/> in <see cref="FeatureCatalog.Names"/> order.</summary>
    // Fully optimised from the first call: a one-shot run spends its time in these loops, and tier-0 code would
    // process much of the file before on-stack replacement catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Outcome Compute(ReadOnlySpan<int> rows, double[] values, out decimal monetary)
    {
        _purchaseInvoices.Clear();
        _cancelInvoices.Clear();
        _products.Clear();
        _days.Clear();
        _invoiceTime.Clear();
        _countryRows.Clear();
        Array.Clear(_weekdayCounts);
        Array.Clear(_hourCounts);

        var invoice = _table.Invoice.Codes;
        var stock = _table.StockCode.Codes;
        var country = _table.Country.Codes;
        var quantity = _table.Quantity;
        var time = _table.Timestamp;
        var price = _table.UnitPriceMilli;

        long netMilli = 0, purchased = 0, returned = 0;
        int firstPurchaseDay = int.MaxValue, lastPurchaseDay = int.MinValue, firstMonth = int.MaxValue;
        foreach (var r in rows)
        {
            var value = quantity[r] * price[r];
            netMilli += value;
            var month = MonthIndex(time[r]);
            firstMonth = Math.Min(firstMonth, month);
            _countryRows[country[r]] = _countryRows.GetValueOrDefault(country[r]) + 1;
            if (_cancelled[invoice[r]])
            {
                _cancelInvoices.Add(invoice[r]);
                returned += Math.Abs((long)quantity[r]);
                continue;
            }

            _purchaseInvoices.Add(invoice[r]);
            purchased += quantity[r];
            _products.Add(stock[r]);
            var day = DayNumber(time[r]);
            _days.Add(day);
            firstPurchaseDay = Math.Min(firstPurchaseDay, day);
            lastPurchaseDay = Math.Max(lastPurchaseDay, day);
            if (!_invoiceTime.TryGetValue(invoice[r], out var seen) || time[r] < seen)
            {
                _invoiceTime[invoice[r]] = time[r];
            }
        }

        monetary = netMilli / (decimal)TransactionTable.PriceScale;
        if (_purchaseInvoices.Count == 0)
        {
            return Outcome.NoPurchase;
        }

        if (netMilli <= 0)
        {
            return Outcome.NonPositiveMonetary;
        }

        var referenceDay = _reference.DayNumber;
        var frequency = _purchaseInvoices.Count;
        var monetaryValue = (double)monetary;
        values[0] = referenceDay - lastPurchaseDay;
        values[1] = frequency;
        values[2] = monetaryValue;
        values[3] = referenceDay - firstPurchaseDay;
        values[4] = monetaryValue / frequency;
        values[5] = purchased;
        values[6] = _products.Count;
        values[7] = _days.Count > 1 ? (lastPurchaseDay - firstPurchaseDay) / (double)(_days.Count - 1) : 0;
        values[8] = purchased > 0 ? returned / (double)purchased : 0;
        values[9] = _cancelInvoices.Count;
        MonthlySpend(rows, firstMonth, out values[10], out values[11], out values[12]);
        values[13] = MainCountryIsHome() ? 1 : 0;
        foreach (var t in _invoiceTime.Values)
        {
            _weekdayCounts[((int)t.DayOfWeek + 6) % 7]++;
            _hourCounts[t.Hour]++;
        }

        var weekday = ArgMax(_weekdayCounts);
        var hour = ArgMax(_hourCounts);
        values[14] = Math.Sin(2 * Math.PI * weekday / 7);
        values[15] = Math.Cos(2 * Math.PI * weekday / 7);
        values[16] = Math.Sin(2 * Math.PI * hour / 24);
        values[17] = Math.Cos(2 * Math.PI * hour / 24);
        return Outcome.Kept;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MonthlySpend(ReadOnlySpan<int> rows, int firstMonth, out double mean, out double std, out double slope)
    {
        var months = _referenceMonth - firstMonth + 1;
        if (_monthSpend.Length < months)
        {
            _monthSpend = new long[months * 2];
        }

        Array.Clear(_monthSpend, 0, months);
        var quantity = _table.Quantity;
        var price = _table.UnitPriceMilli;
        var time = _table.Timestamp;
        foreach (var r in rows)
        {
            _monthSpend[MonthIndex(time[r]) - firstMonth] += quantity[r] * price[r];
        }

        double sum = 0;
        for (var m = 0; m < months; m++)
        {
            sum += _monthSpend[m] / (double)TransactionTable.PriceScale;
        }

        mean = sum / months;
        double squares = 0, covariance = 0, xMean = (months - 1) / 2.0, xSquares = 0;
        for (var m = 0; m < months; m++)
        {
            var deviation = (_monthSpend[m] / (double)TransactionTable.PriceScale) - mean;
            squares += deviation * deviation;
            covariance += (m - xMean) * deviation;
            xSquares += (m - xMean) * (m - xMean);
        }

        std = Math.Sqrt(squares / months);
        slope = months > 1 ? covariance / xSquares : 0;
    }

    private bool MainCountryIsHome()
    {
        var best = -1;
        var bestRows = 0;
        foreach (var (code, count) in _countryRows)
        {
            if (count > bestRows || (count == bestRows && string.CompareOrdinal(_countries[code], _countries[best]) < 0))
            {
                best = code;
                bestRows = count;
            }
        }

        return _home[best];
    }

    private static int ArgMax(int[] counts)
    {
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int DayNumber(DateTime t) => DateOnly.FromDateTime(t).DayNumber;

    private static int MonthIndex(DateTime t) => (t.Year * 12) + t.Month - 1;

    private static int MonthIndex(DateOnly d) => (d.Year * 12) + d.Month - 1;
}
