using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Cleaning;

/// <summary>
/// The cleaning rules applied to each row as it is parsed, in <see cref="TransactionCleaner"/>'s order and with its
/// counts: rules 1, 3, 4 and 5 look at the row alone, rule 2 at a <see cref="RowFingerprintSet"/> of the rows rule 1
/// let through. A kept row goes straight into its customer's state, so no row is held.
/// </summary>
internal sealed class StreamingCleaner : ITransactionSink
{
    private const byte Unknown = 0;
    private const byte Yes = 1;
    private const byte No = 2;

    private readonly CleaningOptions _options;
    // The two per-value tests, each made into a delegate once: a method group passed in the per-row call made a new
    // delegate on every row (two a kept row, 64 bytes each: ~50 MB of the shipped file's ingest, all of it fresh pages
    // faulted in on the cleaner thread, the load's busiest).
    private readonly Func<string, bool> _isProductCode;
    private readonly Func<string, bool> _isCancellationInvoice;
    private readonly RowFingerprintSet? _seen;
    private readonly long[] _removed = new long[5];
    private byte[] _isProduct = new byte[1024];
    private byte[] _isCancellation = new byte[1024];
    private long _rowsIn;

    /// <param name="options">The rules.</param>
    /// <param name="trackRawCustomers">Also keep every customer id as parsed (for a scoring batch's list of unscored customers).</param>
    public StreamingCleaner(CleaningOptions options, bool trackRawCustomers = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _isProductCode = new Regex(options.StockCodePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).IsMatch;
        _isCancellationInvoice = options.IsCancellation;
        _seen = options.DropDuplicates ? new RowFingerprintSet() : null;
        RawCustomers = trackRawCustomers ? [] : null;
    }

    /// <inheritdoc/>
    public StringPool Invoices { get; } = new();

    /// <inheritdoc/>
    public StringPool StockCodes { get; } = new();

    /// <inheritdoc/>
    public StringPool Descriptions { get; } = new();

    /// <inheritdoc/>
    public StringPool Countries { get; } = new();

    /// <summary>The kept rows, folded per customer.</summary>
    public CustomerAggregator Customers { get; } = new();

    /// <summary>Every customer id parsed, before any rule; null unless asked for.</summary>
    public HashSet<long>? RawCustomers { get; }

    /// <summary>Parsed rows with no customer id, before any rule.</summary>
    public long RawRowsWithoutCustomer { get; private set; }

    /// <summary>Distinct rows the duplicate rule remembers (0 when the rule is off).</summary>
    public long DistinctRows => _seen?.Count ?? 0;

    /// <summary>What each rule removed, as <see cref="TransactionCleaner.Clean"/> reports it for the same rows.</summary>
    public CleaningReport Report
    {
        get
        {
            var enabled = new[]
            {
                _options.DropMissingCustomer, _options.DropDuplicates, _options.ProductCodesOnly,
                _options.DropNonPositivePrice, _options.DropNonPositiveQuantity,
            };
            var outcomes = Enumerable.Range(0, 5).Select(i => new RuleOutcome((CleaningRule)i, enabled[i], _removed[i])).ToList();
            return new CleaningReport(_rowsIn, _rowsIn - _removed.Sum(), outcomes);
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int invoice, int stockCode, int description, int quantity, DateTime timestamp, long unitPriceMilli, long customerId, int country)
    {
        _rowsIn++;
        if (customerId == TransactionTable.NoCustomer)
        {
            RawRowsWithoutCustomer++;
        }
        else
        {
            RawCustomers?.Add(customerId);
        }

        if (_options.DropMissingCustomer && customerId == TransactionTable.NoCustomer)
        {
            _removed[(int)CleaningRule.MissingCustomer]++;
            return;
        }

        if (_seen is not null && !_seen.Add(invoice, stockCode, description, quantity, timestamp, unitPriceMilli, customerId, country))
        {
            _removed[(int)CleaningRule.Duplicates]++;
            return;
        }

        if (_options.ProductCodesOnly && !Flag(ref _isProduct, stockCode, StockCodes, _isProductCode))
        {
            _removed[(int)CleaningRule.NonProductCodes]++;
            return;
        }

        if (_options.DropNonPositivePrice && unitPriceMilli <= 0)
        {
            _removed[(int)CleaningRule.NonPositivePrice]++;
            return;
        }

        var cancellation = Flag(ref _isCancellation, invoice, Invoices, _isCancellationInvoice);
        if (_options.DropNonPositiveQuantity && quantity <= 0 && !cancellation)
        {
            _removed[(int)CleaningRule.NonPositiveQuantity]++;
            return;
        }

        Customers.Add(invoice, stockCode, description, quantity, timestamp, unitPriceMilli, customerId, country, cancellation);
    }

    /// <inheritdoc/>
    public void EnsureCapacity(int rows) => _seen?.Reserve(rows);

    /// <summary>A per-code answer of <paramref name="test"/>, computed once per distinct value (codes are dense from 0).</summary>
    private static bool Flag(ref byte[] flags, int code, StringPool pool, Func<string, bool> test)
    {
        if (code >= flags.Length)
        {
            Array.Resize(ref flags, Math.Max(code + 1, flags.Length * 2));
        }

        if (flags[code] == Unknown)
        {
            flags[code] = test(pool.Value(code)) ? Yes : No;
        }

        return flags[code] == Yes;
    }
}
