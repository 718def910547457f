using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segmentation.Data.Features;

/// <summary>
/// What one customer's cleaned rows add up to, folded in row by row, so features need no rows kept: sums in exact
/// milli-units, the sets the features count (purchase invoices with their earliest time, cancellation invoices,
/// products, purchase days), spend per calendar month and rows per country. Every part is order-free, so rows may
/// arrive in any order and the features come out bit for bit as from the grouped rows.
/// </summary>
internal sealed class CustomerState
{
    private Dictionary<int, int>? _countries;
    private long _lastTicks = -1;
    private int _lastMonth;
    private int _lastDay;
    private int _country = -1;
    private int _countryRows;

    /// <summary>Sum of quantity × unit price (milli-units), cancellations included.</summary>
    public long NetMilli { get; private set; }

    /// <summary>Units bought on purchase rows.</summary>
    public long Purchased { get; private set; }

    /// <summary>Units on cancellation rows (absolute).</summary>
    public long Returned { get; private set; }

    /// <summary>The earliest month index (year × 12 + month − 1) of any row.</summary>
    public int FirstMonth { get; private set; } = int.MaxValue;

    /// <summary>Purchase invoices (codes) and the earliest time (ticks) of each.</summary>
    public LongMap InvoiceTime { get; } = new();

    /// <summary>Cancellation invoices (codes); null until the first.</summary>
    public LongMap? CancelInvoices { get; private set; }

    /// <summary>Stock codes on purchase rows; 1 when one of them had a positive quantity (a product bought), else 0.</summary>
    public LongMap Products { get; } = new();

    /// <summary>Day numbers with a purchase row.</summary>
    public LongMap Days { get; } = new();

    /// <summary>Spend per month index (milli-units), every row.</summary>
    public LongMap MonthSpend { get; } = new();

    /// <summary>Folds in one cleaned row of this customer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int invoice, int stockCode, int quantity, DateTime timestamp, long unitPriceMilli, int country, bool cancellation)
    {
        // An invoice's lines share its time and come together, so the calendar parts are worked out once per run of them.
        if (timestamp.Ticks != _lastTicks)
        {
            _lastTicks = timestamp.Ticks;
            _lastMonth = MonthIndex(timestamp);
            _lastDay = DateOnly.FromDateTime(timestamp).DayNumber;
        }

        var value = quantity * unitPriceMilli;
        NetMilli += value;
        FirstMonth = Math.Min(FirstMonth, _lastMonth);
        MonthSpend.GetValueRefOrAddDefault(_lastMonth, out _) += value;
        CountRow(country);
        if (cancellation)
        {
            (CancelInvoices ??= new()).Add(invoice);
            Returned += Math.Abs((long)quantity);
            return;
        }

        Purchased += quantity;
        Products.GetValueRefOrAddDefault(stockCode, out _) |= quantity > 0 ? 1L : 0L;
        Days.Add(_lastDay);
        ref var earliest = ref InvoiceTime.GetValueRefOrAddDefault(invoice, out var seen);
        if (!seen || timestamp.Ticks < earliest)
        {
            earliest = timestamp.Ticks;
        }
    }

    /// <summary>The stock codes of products bought (a purchase row with a positive quantity), in no particular order.</summary>
    public IEnumerable<int> BoughtCodes()
    {
        foreach (var (code, bought) in Products)
        {
            if (bought != 0)
            {
                yield return (int)code;
            }
        }
    }

    /// <summary>The country with the most rows; ties go to the ordinally first name.</summary>
    public int MainCountry(IReadOnlyList<string> names)
    {
        if (_countries is null)
        {
            return _country;
        }

        var best = -1;
        var bestRows = 0;
        foreach (var (code, count) in _countries)
        {
            if (count > bestRows || (count == bestRows && string.CompareOrdinal(names[code], names[best]) < 0))
            {
                best = code;
                bestRows = count;
            }
        }

        return best;
    }

    /// <summary>Month index of a time: year × 12 + month − 1.</summary>
    public static int MonthIndex(DateTime t) => (t.Year * 12) + t.Month - 1;

    private void CountRow(int country)
    {
        // Nearly every customer shops from one country: a dictionary only once a second one appears.
        if (_countries is null)
        {
            if (_country < 0 || _country == country)
            {
                _country = country;
                _countryRows++;
                return;
            }

            _countries = new Dictionary<int, int> { [_country] = _countryRows };
        }

        CollectionsMarshal.GetValueRefOrAddDefault(_countries, country, out _)++;
    }
}
