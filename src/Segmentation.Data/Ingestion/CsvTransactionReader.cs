using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace Segmentation.Data.Ingestion;

/// <summary>
/// An RFC 4180 reader over UTF-8 bytes: fields are located in a pooled buffer with vectorised searches and parsed in
/// place, so memory holds the typed columns and one buffer, never the file's text. Records that straddle a buffer
/// refill are re-parsed from their start after the rest of the buffer is moved to the front.
/// </summary>
internal static class CsvTransactionReader
{
    private const int InitialBufferSize = 1 << 20;
    private const int SizingSample = 20_000;
    private static readonly SearchValues<byte> FieldStops = SearchValues.Create(",\r\n"u8);

    private enum Status
    {
        Record,
        NeedMore,
        Unterminated,
        TextAfterQuote,
    }

    /// <summary>Reads every record of <paramref name="stream"/> (already decompressed) into a table.</summary>
    /// <param name="stream">The decompressed text.</param>
    /// <param name="file">Names the input in errors.</param>
    /// <param name="options">Column names.</param>
    /// <param name="rejected">Where skipped rows go, or null to fail on the first bad row.</param>
    /// <param name="expectedBytes">Size of the decompressed text if known, to size the columns once instead of regrowing them.</param>
    /// <param name="ct">Cancellation.</param>
    public static (TransactionTable Table, IReadOnlyDictionary<TransactionColumn, string> Names, long RowsRead) Read(
        Stream stream, string file, IngestionOptions options, RejectedRowWriter? rejected, long? expectedBytes, CancellationToken ct)
    {
        var builder = new TransactionTableBuilder(SizingSample + 1);
        var (names, rows) = ReadInto(builder, stream, file, options, rejected, expectedBytes, ct);
        return (builder.Build(), names, rows);
    }

    /// <summary>Reads every record of <paramref name="stream"/> (already decompressed) into <paramref name="builder"/>, one row at a time.</summary>
    // Fully optimised from the first call: a one-shot run spends its time in these loops, and tier-0 code would
    // process much of the file before on-stack replacement catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (IReadOnlyDictionary<TransactionColumn, string> Names, long RowsRead) ReadInto(
        ITransactionSink builder, Stream stream, string file, IngestionOptions options, RejectedRowWriter? rejected, long? expectedBytes, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        var fields = new FieldSpan[16];
        try
        {
            int start = 0, end = 0;
            // Bytes before this index are known to be valid UTF-8 (checked a read at a time, not a record at a time).
            var validEnd = 0;
            long consumed = 0;
            long line = 1;
            var eof = false;
            var first = true;
            HeaderBinding? binding = null;
            RowParser? parser = null;
            while (true)
            {
                var span = buffer.AsSpan(start, end - start);
                int fieldCount = 0, length = 0, newlines = 0;
                var escaped = false;
                var status = span.IsEmpty ? Status.NeedMore : ParseRecord(span, eof, ref fields, out fieldCount, out length, out newlines, out escaped);
                if (status == Status.NeedMore)
                {
                    if (eof)
                    {
                        break;
                    }

                    if (start > 0)
                    {
                        span.CopyTo(buffer);
                        validEnd = Math.Max(0, validEnd - start);
                        consumed += start;
                        end -= start;
                        start = 0;
                    }

                    if (end == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, end).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    var read = Fill(stream, buffer.AsSpan(end), file);
                    eof = read == 0;
                    end += read;
                    validEnd = ValidatedThrough(buffer.AsSpan(0, end), validEnd, eof);
                    if (first && end >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                    {
                        start = 3;
                    }

                    if (first && (end >= 3 || eof))
                    {
                        first = false;
                    }

                    continue;
                }

                if (status == Status.Unterminated)
                {
                    throw new DataFormatException("a quoted field is not closed before the end of the file", file, line);
                }

                if (status == Status.TextAfterQuote)
                {
                    throw new DataFormatException("text after the closing quote of a quoted field (quotes inside a field must be doubled)", file, line,
                        text: Decode(span[..Math.Min(span.Length, 200)]));
                }

                var record = span[..length];
                if (start + length > validEnd && !Utf8.IsValid(record))
                {
                    var offset = consumed + start + InvalidUtf8Offset(record);
                    throw new DataFormatException(FormattableString.Invariant($"invalid UTF-8 at byte offset {offset}; the file must be UTF-8 encoded"), file, line);
                }

                ReadOnlySpan<byte> data = record;
                if (escaped)
                {
                    var unescaped = Unescape(record, fields.AsSpan(0, fieldCount), ref scratch);
                    data = scratch.AsSpan(0, unescaped);
                }

                var recordFields = fields.AsSpan(0, fieldCount);
                if (binding is null)
                {
                    var header = new string[fieldCount];
                    for (var i = 0; i < fieldCount; i++)
                    {
                        header[i] = Decode(data.Slice(recordFields[i].Start, recordFields[i].Length)).Trim();
                    }

                    binding = HeaderBinding.Resolve(header, options, file, line);
                    parser = new RowParser(builder, binding, file, rejected);
                }
                else if (!(fieldCount == 1 && recordFields[0].Length == 0))
                {
                    // A blank line (typically the last one) is not a row.
                    parser!.Add(data, recordFields, line, TrimLineEnd(record));
                    if (parser.RowsRead == SizingSample && expectedBytes is > 0)
                    {
                        // Rows so far × (total bytes / bytes so far), plus 5 % for longer lines later in the file.
                        var estimate = parser.RowsRead * 1.05 * expectedBytes.Value / (consumed + start + length);
                        builder.EnsureCapacity((int)Math.Min(Array.MaxLength, estimate));
                    }

                    if ((parser.RowsRead & 0x3FFF) == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }
                }

                line += newlines;
                start += length;
            }

            if (binding is null)
            {
                throw new DataFormatException("the file is empty; expected a header line and transaction rows", file);
            }

            if (parser!.RowsRead == 0)
            {
                throw new DataFormatException("the file has a header but no data rows", file, 1);
            }

            return (binding.Names(), parser.RowsRead);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static int Fill(Stream stream, Span<byte> target, string file)
    {
        int read;
        try
        {
            read = stream.Read(target);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException("the compressed file is corrupt or truncated (" + ex.Message + ")", file);
        }
        catch (EndOfStreamException)
        {
            throw new DataFormatException("the compressed file is truncated", file);
        }

        // Checked at the end of the data, before the last (possibly cut) record is parsed, so a truncated file is
        // reported as such rather than as a bad value on its last line.
        if (read == 0 && stream is TruncationCheckingStream gzip)
        {
            gzip.ThrowIfTruncated(file);
        }

        return read;
    }

    /// <summary>Locates the fields of the record at the start of <paramref name="span"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Status ParseRecord(ReadOnlySpan<byte> span, bool isFinal, ref FieldSpan[] fields, out int count, out int length, out int newlines, out bool escaped)
    {
        escaped = false;
        if (TryParseUnquoted(span, isFinal, ref fields, out count, out length))
        {
            newlines = 1;
            return Status.Record;
        }

        count = 0;
        length = 0;
        newlines = 0;
        var pos = 0;
        while (true)
        {
            if (count == fields.Length)
            {
                Array.Resize(ref fields, fields.Length * 2);
            }

            if (pos < span.Length && span[pos] == (byte)'"')
            {
                var i = pos + 1;
                var fieldEscaped = false;
                int close;
                while (true)
                {
                    var q = span[i..].IndexOf((byte)'"');
                    if (q < 0)
                    {
                        return isFinal ? Status.Unterminated : Status.NeedMore;
                    }

                    q += i;
                    if (q + 1 < span.Length && span[q + 1] == (byte)'"')
                    {
                        fieldEscaped = true;
                        i = q + 2;
                        continue;
                    }

                    if (q + 1 == span.Length && !isFinal)
                    {
                        return Status.NeedMore;
                    }

                    close = q;
                    break;
                }

                var content = span[(pos + 1)..close];
                newlines += content.Count((byte)'\n');
                fields[count++] = new FieldSpan(pos + 1, close - pos - 1, fieldEscaped);
                escaped |= fieldEscaped;
                pos = close + 1;
                if (pos == span.Length)
                {
                    length = pos;
                    return Status.Record;
                }

                if (FieldStops.Contains(span[pos]) is false)
                {
                    return Status.TextAfterQuote;
                }
            }
            else
            {
                var stop = span[pos..].IndexOfAny(FieldStops);
                if (stop < 0)
                {
                    if (!isFinal)
                    {
                        return Status.NeedMore;
                    }

                    fields[count++] = new FieldSpan(pos, span.Length - pos, false);
                    length = span.Length;
                    return Status.Record;
                }

                fields[count++] = new FieldSpan(pos, stop, false);
                pos += stop;
            }

            switch (span[pos])
            {
                case (byte)',':
                    pos++;
                    if (pos == span.Length && !isFinal)
                    {
                        return Status.NeedMore;
                    }

                    continue;
                case (byte)'\r':
                    if (pos + 1 == span.Length && !isFinal)
                    {
                        return Status.NeedMore;
                    }

                    length = pos + 1 < span.Length && span[pos + 1] == (byte)'\n' ? pos + 2 : pos + 1;
                    newlines++;
                    return Status.Record;
                default:
                    length = pos + 1;
                    newlines++;
                    return Status.Record;
            }
        }
    }

    /// <summary>
    /// The common record — no quote before its line end — located in one pass of 32-byte blocks: a comparison per
    /// block gives the commas and the first line end or quote as bit masks, instead of a vectorised search call per field.
    /// Measured on the shipped file (ReadyToRun build, perf samples), record splitting went from about 5 % of the
    /// ingest's CPU to about 3 %. False sends the record to the general loop: a quote before the line end, no line end
    /// in <paramref name="span"/>, or a carriage return at its very end (a line feed may follow in the next read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseUnquoted(ReadOnlySpan<byte> span, bool isFinal, ref FieldSpan[] fields, out int count, out int length)
    {
        count = 0;
        length = 0;
        if (!Vector256.IsHardwareAccelerated)
        {
            return false;
        }

        var comma = Vector256.Create((byte)',');
        var quote = Vector256.Create((byte)'"');
        var cr = Vector256.Create((byte)'\r');
        var lf = Vector256.Create((byte)'\n');
        var fieldStart = 0;
        var at = 0;
        var end = -1;
        for (; at + 32 <= span.Length; at += 32)
        {
            var block = Vector256.Create(span.Slice(at, 32));
            var stops = (Vector256.Equals(block, quote) | Vector256.Equals(block, cr) | Vector256.Equals(block, lf)).ExtractMostSignificantBits();
            var commas = Vector256.Equals(block, comma).ExtractMostSignificantBits();
            if (stops != 0)
            {
                end = at + BitOperations.TrailingZeroCount(stops);
                commas &= (1u << (end - at)) - 1;
            }

            while (commas != 0)
            {
                var position = at + BitOperations.TrailingZeroCount(commas);
                AddField(ref fields, ref count, fieldStart, position);
                fieldStart = position + 1;
                commas &= commas - 1;
            }

            if (end >= 0)
            {
                break;
            }
        }

        for (; end < 0 && at < span.Length; at++)
        {
            switch (span[at])
            {
                case (byte)',':
                    AddField(ref fields, ref count, fieldStart, at);
                    fieldStart = at + 1;
                    break;
                case (byte)'"' or (byte)'\r' or (byte)'\n':
                    end = at;
                    break;
            }
        }

        if (end < 0 || span[end] == (byte)'"' || (span[end] == (byte)'\r' && end + 1 == span.Length && !isFinal))
        {
            return false;
        }

        AddField(ref fields, ref count, fieldStart, end);
        length = span[end] == (byte)'\r' && end + 1 < span.Length && span[end + 1] == (byte)'\n' ? end + 2 : end + 1;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddField(ref FieldSpan[] fields, ref int count, int start, int end)
    {
        if (count == fields.Length)
        {
            Array.Resize(ref fields, fields.Length * 2);
        }

        fields[count++] = new FieldSpan(start, end - start, false);
    }

    /// <summary>Copies the record's fields into <paramref name="scratch"/> with doubled quotes undoubled; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Unescape(ReadOnlySpan<byte> record, Span<FieldSpan> fields, ref byte[] scratch)
    {
        if (scratch.Length < record.Length)
        {
            ArrayPool<byte>.Shared.Return(scratch);
            scratch = ArrayPool<byte>.Shared.Rent(record.Length);
        }

        var write = 0;
        for (var f = 0; f < fields.Length; f++)
        {
            var field = record.Slice(fields[f].Start, fields[f].Length);
            var start = write;
            for (var i = 0; i < field.Length; i++)
            {
                scratch[write++] = field[i];
                if (fields[f].Escaped && field[i] == (byte)'"')
                {
                    i++;
                }
            }

            fields[f] = new FieldSpan(start, write - start, false);
        }

        return write;
    }

    private static ReadOnlySpan<byte> TrimLineEnd(ReadOnlySpan<byte> record)
    {
        while (record.Length > 0 && (record[^1] == (byte)'\n' || record[^1] == (byte)'\r'))
        {
            record = record[..^1];
        }

        return record;
    }

    /// <summary>
    /// Extends the valid prefix of <paramref name="bytes"/> over the bytes just read, up to the last whole character (a
    /// character cut by the read is checked with the next one). One call over a read of up to a megabyte replaces a call
    /// per record of about 90 bytes (the per-record checks were about 1.2 % of the ingest's CPU samples on the shipped
    /// file). When the new bytes are not valid, the prefix stays where it was and each record after it is checked on
    /// its own, which names the offending byte as before. A record is valid when its bytes lie in the prefix: its delimiters are ASCII, so it
    /// never starts or ends inside a character.
    /// </summary>
    private static int ValidatedThrough(ReadOnlySpan<byte> bytes, int validEnd, bool eof)
    {
        var cut = bytes.Length;
        if (!eof)
        {
            // Back over continuation bytes (10xxxxxx) to the start of the last character; leave it for the next read.
            var back = cut - 1;
            while (back > validEnd && cut - back < 4 && (bytes[back] & 0xC0) == 0x80)
            {
                back--;
            }

            if (back >= validEnd && bytes[back] >= 0x80)
            {
                cut = back;
            }
        }

        return cut > validEnd && Utf8.IsValid(bytes[validEnd..cut]) ? cut : validEnd;
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
