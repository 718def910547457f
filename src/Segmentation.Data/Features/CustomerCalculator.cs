using System.Runtime.CompilerServices;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Features;

/// <summary>Computes one customer's features from that customer's folded rows (<see cref="CustomerState"/>); scratch arrays are reused across customers.</summary>
internal sealed class CustomerCalculator
{
    private readonly bool[] _home;
    private readonly IReadOnlyList<string> _countries;
    private readonly DateOnly _reference;
    private readonly int _referenceMonth;
    private readonly int[] _weekdayCounts = new int[7];
    private readonly int[] _hourCounts = new int[24];
    private long[] _monthSpend = new long[64];

    public CustomerCalculator(bool[] home, IReadOnlyList<string> countries, DateOnly reference)
    {
        _home = home;
        _countries = countries;
        _reference = reference;
        var last = reference.AddDays(-1);
        _referenceMonth = (last.Year * 12) + last.Month - 1;
    }

    public enum Outcome
    {
        Kept,
        NoPurchase,
        NonPositiveMonetary,
    }

    /// <summary>Fills <paramref name="values"/> in <see cref="FeatureCatalog.Names"/> order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Outcome Compute(CustomerState customer, double[] values, out decimal monetary)
    {
        Array.Clear(_weekdayCounts);
        Array.Clear(_hourCounts);
        var netMilli = customer.NetMilli;
        monetary = netMilli / (decimal)TransactionTable.PriceScale;
        if (customer.InvoiceTime.Count == 0)
        {
            return Outcome.NoPurchase;
        }

        if (netMilli <= 0)
        {
            return Outcome.NonPositiveMonetary;
        }

        int firstPurchaseDay = int.MaxValue, lastPurchaseDay = int.MinValue;
        foreach (var (day, _) in customer.Days)
        {
            firstPurchaseDay = Math.Min(firstPurchaseDay, (int)day);
            lastPurchaseDay = Math.Max(lastPurchaseDay, (int)day);
        }

        var purchased = customer.Purchased;
        var referenceDay = _reference.DayNumber;
        var frequency = customer.InvoiceTime.Count;
        var monetaryValue = (double)monetary;
        values[0] = referenceDay - lastPurchaseDay;
        values[1] = frequency;
        values[2] = monetaryValue;
        values[3] = referenceDay - firstPurchaseDay;
        values[4] = monetaryValue / frequency;
        values[5] = purchased;
        values[6] = customer.Products.Count;
        values[7] = customer.Days.Count > 1 ? (lastPurchaseDay - firstPurchaseDay) / (double)(customer.Days.Count - 1) : 0;
        values[8] = purchased > 0 ? customer.Returned / (double)purchased : 0;
        values[9] = customer.CancelInvoices?.Count ?? 0;
        MonthlySpend(customer, out values[10], out values[11], out values[12]);
        values[13] = _home[customer.MainCountry(_countries)] ? 1 : 0;
        foreach (var (_, ticks) in customer.InvoiceTime)
        {
            var t = new DateTime(ticks);
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
    private void MonthlySpend(CustomerState customer, out double mean, out double std, out double slope)
    {
        var firstMonth = customer.FirstMonth;
        var months = _referenceMonth - firstMonth + 1;
        if (_monthSpend.Length < months)
        {
            _monthSpend = new long[months * 2];
        }

        Array.Clear(_monthSpend, 0, months);
        foreach (var (month, spend) in customer.MonthSpend)
        {
            _monthSpend[(int)month - firstMonth] += spend;
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
}
