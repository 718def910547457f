using System.Runtime.CompilerServices;
using System.Text;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// Turns one record's fields (UTF-8 bytes) into a typed row of the table, or reports why it cannot: the first bad
/// field names the file, line, column and text; under <see cref="BadRowPolicy.Skip"/> the row goes to the rejected file.
/// </summary>
internal sealed class RowParser
{
    private readonly ITransactionSink _builder;
    private readonly HeaderBinding _binding;
    private readonly string _file;
    private readonly RejectedRowWriter? _rejected;
    private readonly int[] _index;

    public RowParser(ITransactionSink builder, HeaderBinding binding, string file, RejectedRowWriter? rejected)
    {
        _builder = builder;
        _binding = binding;
        _file = file;
        _rejected = rejected;
        _index = binding.FieldIndex;
    }

    /// <summary>Data rows seen, rejected ones included.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows skipped.</summary>
    public long RowsRejected => _rejected?.Count ?? 0;

    /// <summary>Parses one record; <paramref name="raw"/> is the raw line, decoded only for a bad row.</summary>
    // Fully optimised from the first call: a one-shot run spends its time in these loops, and tier-0 code would
    // process much of the file before on-stack replacement catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<byte> data, ReadOnlySpan<FieldSpan> fields, long line, ReadOnlySpan<byte> raw)
    {
        RowsRead++;
        if (fields.Length != _binding.Header.Count)
        {
            var hint = fields.Length == 1 && data.IndexOfAny(";\t"u8) >= 0 ? " (the line looks separated by semicolons or tabs, not commas)" : "";
            Bad(line, null, FormattableString.Invariant($"expected {_binding.Header.Count} fields as in the header, found {fields.Length}{hint}"), Text(raw), raw);
            return;
        }

        var quantityText = Field(data, fields, TransactionColumn.Quantity);
        if (!FieldParsers.TryParseInt(quantityText, out var quantity))
        {
            Bad(line, TransactionColumn.Quantity, "expected an integer quantity", Text(quantityText), raw);
            return;
        }

        var dateText = Field(data, fields, TransactionColumn.InvoiceDate);
        if (!FieldParsers.TryParseTimestamp(dateText, out var timestamp))
        {
            Bad(line, TransactionColumn.InvoiceDate, "expected a timestamp such as 2010-12-01T08:26:00 or 12/1/2010 8:26", Text(dateText), raw);
            return;
        }

        var priceText = Field(data, fields, TransactionColumn.UnitPrice);
        switch (FieldParsers.TryParsePriceMilli(priceText, out var price))
        {
            case PriceParseResult.Invalid:
                Bad(line, TransactionColumn.UnitPrice, "expected a decimal price such as 2.55", Text(priceText), raw);
                return;
            case PriceParseResult.TooManyDecimals:
                Bad(line, TransactionColumn.UnitPrice, "expected a price with at most three decimals", Text(priceText), raw);
                return;
        }

        var customerText = Field(data, fields, TransactionColumn.CustomerId);
        var customer = TransactionTable.NoCustomer;
        if (customerText.Length > 0 && !FieldParsers.TryParseId(customerText, out customer))
        {
            Bad(line, TransactionColumn.CustomerId, "expected an integer customer id or an empty field", Text(customerText), raw);
            return;
        }

        var invoiceText = Field(data, fields, TransactionColumn.Invoice);
        var stockText = Field(data, fields, TransactionColumn.StockCode);
        var countryText = Field(data, fields, TransactionColumn.Country);
        var empty = invoiceText.IsEmpty ? TransactionColumn.Invoice
            : stockText.IsEmpty ? TransactionColumn.StockCode
            : countryText.IsEmpty ? TransactionColumn.Country
            : (TransactionColumn?)null;
        if (empty is { } column)
        {
            Bad(line, column, "expected a value, found an empty field", "", raw);
            return;
        }

        var descriptionText = Field(data, fields, TransactionColumn.Description);
        _builder.Add(
            _builder.Invoices.Intern(invoiceText),
            _builder.StockCodes.Intern(stockText),
            descriptionText.IsEmpty ? StringColumn.Missing : _builder.Descriptions.Intern(descriptionText),
            quantity,
            timestamp,
            price,
            customer,
            _builder.Countries.Intern(countryText));
    }

    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> data, ReadOnlySpan<FieldSpan> fields, TransactionColumn column)
    {
        var f = fields[_index[(int)column]];
        return data.Slice(f.Start, f.Length);
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private void Bad(long line, TransactionColumn? column, string detail, string text, ReadOnlySpan<byte> raw)
    {
        var name = column is { } c ? _binding.NameOf(c) : null;
        if (_rejected is null)
        {
            throw new DataFormatException(detail, _file, line, name, text);
        }

        var reason = name is null ? detail : $"column '{name}': {detail}: '{text}'";
        _rejected.Write(line, reason, Text(raw));
    }
}
