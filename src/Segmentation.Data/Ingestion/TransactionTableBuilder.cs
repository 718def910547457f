namespace Segmentation.Data.Ingestion;

/// <summary>Appends rows to growing column arrays; text values are interned as they arrive.</summary>
public sealed class TransactionTableBuilder : ITransactionSink
{
    private readonly StringPool _invoices = new();
    private readonly StringPool _stockCodes = new();
    private readonly StringPool _descriptions = new();
    private readonly StringPool _countries = new();
    private int[] _invoice;
    private int[] _stockCode;
    private int[] _description;
    private int[] _quantity;
    private DateTime[] _timestamp;
    private long[] _price;
    private long[] _customer;
    private int[] _country;

    /// <summary>Starts empty with room for <paramref name="capacity"/> rows; the arrays double as needed.</summary>
    public TransactionTableBuilder(int capacity = 1024)
    {
        capacity = Math.Max(capacity, 16);
        _invoice = new int[capacity];
        _stockCode = new int[capacity];
        _description = new int[capacity];
        _quantity = new int[capacity];
        _timestamp = new DateTime[capacity];
        _price = new long[capacity];
        _customer = new long[capacity];
        _country = new int[capacity];
    }

    /// <summary>Rows added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Invoice dictionary (intern into it and pass the code to <see cref="Add(int, int, int, int, DateTime, long, long, int)"/>).</summary>
    public StringPool Invoices => _invoices;

    /// <summary>Stock code dictionary.</summary>
    public StringPool StockCodes => _stockCodes;

    /// <summary>Description dictionary.</summary>
    public StringPool Descriptions => _descriptions;

    /// <summary>Country dictionary.</summary>
    public StringPool Countries => _countries;

    /// <summary>Appends a row given dictionary codes and typed values.</summary>
    public void Add(int invoice, int stockCode, int description, int quantity, DateTime timestamp, long unitPriceMilli, long customerId, int country)
    {
        if (Count == _quantity.Length)
        {
            Grow();
        }

        var i = Count++;
        _invoice[i] = invoice;
        _stockCode[i] = stockCode;
        _description[i] = description;
        _quantity[i] = quantity;
        _timestamp[i] = timestamp;
        _price[i] = unitPriceMilli;
        _customer[i] = customerId;
        _country[i] = country;
    }

    /// <summary>Appends a row given as a value.</summary>
    public void Add(TransactionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var milli = row.UnitPrice * TransactionTable.PriceScale;
        if (milli != decimal.Truncate(milli))
        {
            throw new ArgumentException(FormattableString.Invariant($"unit price {row.UnitPrice} has more than three decimals"), nameof(row));
        }

        Add(
            _invoices.Intern(row.Invoice),
            _stockCodes.Intern(row.StockCode),
            row.Description is null ? StringColumn.Missing : _descriptions.Intern(row.Description),
            row.Quantity,
            row.Timestamp,
            (long)milli,
            row.CustomerId ?? TransactionTable.NoCustomer,
            _countries.Intern(row.Country));
    }

    /// <summary>The finished table; the builder must not be used afterwards.</summary>
    public TransactionTable Build()
    {
        // Each column is cut to size in turn and the builder lets go of the larger array at once, so the garbage
        // collector can reuse it for the next column instead of holding all eight spare arrays at the peak.
        _invoice = Trim(_invoice);
        _stockCode = Trim(_stockCode);
        _description = Trim(_description);
        _quantity = Trim(_quantity);
        _timestamp = Trim(_timestamp);
        _price = Trim(_price);
        _customer = Trim(_customer);
        _country = Trim(_country);
        return new(
            new StringColumn(_invoice, _invoices.Values),
            new StringColumn(_stockCode, _stockCodes.Values),
            new StringColumn(_description, _descriptions.Values),
            _quantity,
            _timestamp,
            _price,
            _customer,
            new StringColumn(_country, _countries.Values));
    }

    private T[] Trim<T>(T[] array) => array.Length == Count ? array : array[..Count];

    /// <summary>Makes room for <paramref name="rows"/> rows at once (readers call it with an estimate of the file's rows).</summary>
    public void EnsureCapacity(int rows)
    {
        if (rows > _quantity.Length)
        {
            Resize(rows);
        }
    }

    private void Grow() => Resize((int)Math.Min(Array.MaxLength, _quantity.Length + (_quantity.Length / 2L)));

    private void Resize(int size)
    {
        Array.Resize(ref _invoice, size);
        Array.Resize(ref _stockCode, size);
        Array.Resize(ref _description, size);
        Array.Resize(ref _quantity, size);
        Array.Resize(ref _timestamp, size);
        Array.Resize(ref _price, size);
        Array.Resize(ref _customer, size);
        Array.Resize(ref _country, size);
    }
}
