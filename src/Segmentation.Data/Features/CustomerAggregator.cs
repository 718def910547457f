using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Segmentation.Data.Configuration;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Products;

namespace Segmentation.Data.Features;

/// <summary>
/// Folds cleaned rows, one at a time, into per-customer state and the running latest time; once the rows are in, the
/// reference date is known and every customer's features are computed. Memory grows with customers (and their distinct
/// invoices, days, months and products), not with rows.
/// </summary>
internal sealed class CustomerAggregator
{
    private readonly Dictionary<long, CustomerState> _customers = [];
    // Purchase rows per (stock code, description), keyed (code << 32) | description.
    private readonly LongMap _descriptionCounts = new();
    private DateTime _latest = DateTime.MinValue;
    private long _rows;
    private long _withoutCustomer;
    private long _lastId = TransactionTable.NoCustomer;
    private CustomerState? _last;

    /// <summary>Cleaned rows added.</summary>
    public long Rows => _rows;

    /// <summary>Customers seen so far.</summary>
    public int Customers => _customers.Count;

    /// <summary>The ids of the customers seen so far.</summary>
    public IReadOnlySet<long> CustomerIds => _customers.Keys.ToHashSet();

    /// <summary>Folds in one cleaned row; <paramref name="cancellation"/> says whether its invoice is a cancellation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int invoice, int stockCode, int description, int quantity, DateTime timestamp, long unitPriceMilli, long customerId, int country, bool cancellation)
    {
        _rows++;
        _latest = timestamp > _latest ? timestamp : _latest;
        if (customerId == TransactionTable.NoCustomer)
        {
            _withoutCustomer++;
            return;
        }

        // A customer's rows come in runs (an invoice's lines), so the last one is checked before the dictionary.
        var customer = _last;
        if (customerId != _lastId || customer is null)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, customerId, out _);
            customer = slot ??= new CustomerState();
            (_lastId, _last) = (customerId, customer);
        }

        customer.Add(invoice, stockCode, quantity, timestamp, unitPriceMilli, country, cancellation);
        if (!cancellation && quantity > 0 && description != StringColumn.Missing)
        {
            // The products' descriptions count the rows that are purchases (see CustomerProducts).
            _descriptionCounts.GetValueRefOrAddDefault(((long)stockCode << 32) | (uint)description, out _)++;
        }
    }

    /// <summary>Every customer's features, ordered by customer id (see <see cref="CustomerFeatureBuilder.Build"/>).</summary>
    public CustomerFeatureResult Finish(FeatureOptions options, IReadOnlyList<string> countries)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_rows == 0)
        {
            throw new DataFormatException("no transactions are left after cleaning; check the cleaning rules and the input");
        }

        var latestDay = DateOnly.FromDateTime(_latest);
        var reference = options.ReferenceDate ?? latestDay.AddDays(1);
        if (reference <= latestDay)
        {
            throw new ConfigException(FormattableString.Invariant(
                $"features.reference_date {reference:yyyy-MM-dd} must be after the latest cleaned transaction ({latestDay:yyyy-MM-dd})"));
        }

        var home = countries.Select(v => v == options.HomeCountry).ToArray();
        var calculator = new CustomerCalculator(home, countries, reference);
        var names = FeatureCatalog.Names;
        var order = _customers.Keys.ToArray();
        Array.Sort(order);
        var ids = new List<long>(order.Length);
        var exact = new List<decimal>(order.Length);
        var columns = new List<double>[names.Count];
        for (var j = 0; j < names.Count; j++)
        {
            columns[j] = new List<double>(order.Length);
        }

        var values = new double[names.Count];
        int noPurchase = 0, nonPositive = 0;
        foreach (var id in order)
        {
            switch (calculator.Compute(_customers[id], values, out var monetary))
            {
                case CustomerCalculator.Outcome.NoPurchase:
                    noPurchase++;
                    continue;
                case CustomerCalculator.Outcome.NonPositiveMonetary:
                    nonPositive++;
                    continue;
            }

            ids.Add(id);
            exact.Add(monetary);
            for (var j = 0; j < names.Count; j++)
            {
                columns[j].Add(values[j]);
            }
        }

        var table = new CustomerFeatureTable([.. ids], names, [.. columns.Select(c => c.ToArray())], [.. exact]);
        return new CustomerFeatureResult(table, reference, new CustomerDropReport(_customers.Count, noPurchase, nonPositive, _withoutCustomer));
    }

    /// <summary>The distinct (customer, product) purchases, as <see cref="CustomerProducts.FromCleaned"/> computes them from rows.</summary>
    public CustomerProducts Products(IReadOnlyList<string> stockCodes, IReadOnlyList<string> descriptions)
    {
        var order = _customers.Keys.ToArray();
        Array.Sort(order);
        var bought = order.Select(id => (Customer: id, Codes: _customers[id].BoughtCodes()));
        var counts = new List<((int Code, string Description) Key, int Count)>(_descriptionCounts.Count);
        foreach (var (key, count) in _descriptionCounts)
        {
            var description = descriptions[(int)key];
            if (description.Length > 0)
            {
                counts.Add(((Code: (int)(key >> 32), description), (int)count));
            }
        }

        return CustomerProducts.FromPurchases(stockCodes, bought, counts);
    }
}
