using System.Runtime.CompilerServices;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// Transactions held column by column: text columns dictionary-encoded, quantity as <c>int</c>, timestamp as
/// <see cref="DateTime"/>, unit price as an exact count of thousandths (prices have at most three decimals),
/// customer id as <c>long</c> with <see cref="NoCustomer"/> for a missing id.
/// </summary>
public sealed class TransactionTable
{
    /// <summary>The stored customer id of a row without one.</summary>
    public const long NoCustomer = long.MinValue;

    /// <summary>Unit prices are stored as whole multiples of 1/<see cref="PriceScale"/>.</summary>
    public const int PriceScale = 1000;

    private readonly int[] _quantity;
    private readonly DateTime[] _timestamp;
    private readonly long[] _unitPriceMilli;
    private readonly long[] _customerId;

    /// <summary>Wraps columns of equal length (not copied).</summary>
    public TransactionTable(
        StringColumn invoice,
        StringColumn stockCode,
        StringColumn description,
        int[] quantity,
        DateTime[] timestamp,
        long[] unitPriceMilli,
        long[] customerId,
        StringColumn country)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(stockCode);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(quantity);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(unitPriceMilli);
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(country);
        var n = invoice.Count;
        if (stockCode.Count != n || description.Count != n || quantity.Length != n || timestamp.Length != n
            || unitPriceMilli.Length != n || customerId.Length != n || country.Count != n)
        {
            throw new ArgumentException("all columns must have the same number of rows");
        }

        Invoice = invoice;
        StockCode = stockCode;
        Description = description;
        _quantity = quantity;
        _timestamp = timestamp;
        _unitPriceMilli = unitPriceMilli;
        _customerId = customerId;
        Country = country;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount => _quantity.Length;

    /// <summary>Invoice numbers.</summary>
    public StringColumn Invoice { get; }

    /// <summary>Stock codes.</summary>
    public StringColumn StockCode { get; }

    /// <summary>Descriptions (may be missing).</summary>
    public StringColumn Description { get; }

    /// <summary>Countries.</summary>
    public StringColumn Country { get; }

    /// <summary>Quantities (negative on returns).</summary>
    public ReadOnlySpan<int> Quantity => _quantity;

    /// <summary>Invoice timestamps, local time as in the file.</summary>
    public ReadOnlySpan<DateTime> Timestamp => _timestamp;

    /// <summary>Unit prices in thousandths (2.55 is 2550): exact, unlike a double.</summary>
    public ReadOnlySpan<long> UnitPriceMilli => _unitPriceMilli;

    /// <summary>Customer ids; <see cref="NoCustomer"/> where missing.</summary>
    public ReadOnlySpan<long> CustomerIdRaw => _customerId;

    /// <summary>The unit price of a row as an exact decimal.</summary>
    public decimal UnitPrice(int row) => _unitPriceMilli[row] / (decimal)PriceScale;

    /// <summary>The customer id of a row, or null when missing.</summary>
    public long? CustomerId(int row) => _customerId[row] == NoCustomer ? null : _customerId[row];

    /// <summary>One row as a value.</summary>
    public TransactionRow Row(int row) => new(
        Invoice[row]!, StockCode[row]!, Description[row], _quantity[row], _timestamp[row], UnitPrice(row), CustomerId(row), Country[row]!);

    /// <summary>A new table with the listed rows, in the listed order; text dictionaries are shared.</summary>
    // Fully optimised from the first call: a one-shot run spends its time in these loops, and tier-0 code would
    // process much of the file before on-stack replacement catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TransactionTable Select(ReadOnlySpan<int> rows)
    {
        var quantity = new int[rows.Length];
        var timestamp = new DateTime[rows.Length];
        var price = new long[rows.Length];
        var customer = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            quantity[i] = _quantity[r];
            timestamp[i] = _timestamp[r];
            price[i] = _unitPriceMilli[r];
            customer[i] = _customerId[r];
        }

        return new TransactionTable(
            Invoice.Select(rows), StockCode.Select(rows), Description.Select(rows), quantity, timestamp, price, customer, Country.Select(rows));
    }

    /// <summary>Builds a table from row values (tests, small inputs). Prices must have at most three decimals.</summary>
    public static TransactionTable FromRows(IEnumerable<TransactionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new TransactionTableBuilder();
        foreach (var row in rows)
        {
            builder.Add(row);
        }

        return builder.Build();
    }
}
