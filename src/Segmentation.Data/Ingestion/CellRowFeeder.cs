using System.Text;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// Feeds rows of typed cells (from a workbook or a Parquet file) to the CSV <see cref="RowParser"/> as the text a CSV
/// export would hold, so every input format accepts and rejects exactly the same values.
/// </summary>
internal sealed class CellRowFeeder(RowParser parser, HeaderBinding binding)
{
    private readonly FieldSpan[] _fields = new FieldSpan[binding.Header.Count];
    private readonly int _dateField = binding.FieldIndex[(int)TransactionColumn.InvoiceDate];
    private byte[] _bytes = new byte[1024];

    /// <summary>Adds one row; <paramref name="cell"/> gives the value of field i (null when missing). Blank rows are skipped.</summary>
    public void Add(Func<int, object?> cell, long row)
    {
        var length = 0;
        var blank = true;
        for (var i = 0; i < _fields.Length; i++)
        {
            var text = XlsxTransactionReader.CellText(cell(i), i == _dateField);
            blank &= text.Length == 0;
            var needed = length + Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
            if (needed > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
            }

            var written = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(length));
            _fields[i] = new FieldSpan(length, written, false);
            length += written;
        }

        if (!blank)
        {
            parser.Add(_bytes, _fields, row, RawLine());
        }
    }

    // The rejected-rows file shows such a row as comma-separated cell texts.
    private byte[] RawLine() =>
        Encoding.UTF8.GetBytes(string.Join(",", _fields.Select(f => RejectedRowWriter.Quote(Encoding.UTF8.GetString(_bytes, f.Start, f.Length)))));
}
