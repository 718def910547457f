using System.Buffers.Binary;
using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Compression;
using Segmentation.Parquet.Encodings;
using Segmentation.Parquet.Format;
using Segmentation.Parquet.Schema;
using Segmentation.Parquet.Thrift;

namespace Segmentation.Parquet.Reading;

/// <summary>Reads one column chunk's pages (dictionary, v1 and v2 data pages) into typed column data.</summary>
internal sealed class ColumnChunkReader<T>
{
    private readonly ColumnDescriptor _column;
    private readonly ColumnChunk _chunk;
    private readonly byte[] _buffer;
    private readonly long _chunkOffset;
    private readonly int _rows;
    private T[] _values = [];
    private bool[]? _isNull;
    private T[]? _dictionary;
    private int _filled;
    private long _pageOffset;

    /// <summary>Creates a reader over the chunk's bytes, which start at chunkOffset in the file.</summary>
    public ColumnChunkReader(ColumnDescriptor column, ColumnChunk chunk, byte[] buffer, long chunkOffset, int rows)
    {
        _column = column;
        _chunk = chunk;
        _buffer = buffer;
        _chunkOffset = chunkOffset;
        _rows = rows;
    }

    /// <summary>File offset of the page being decoded, for error messages.</summary>
    public long PageOffset => _pageOffset;

    /// <summary>Decodes every page and returns the column.</summary>
    public ParquetColumnData Read()
    {
        var pos = 0;
        while (_filled < _rows)
        {
            if (pos >= _buffer.Length)
            {
                throw new ParquetException($"column chunk ends after {_filled} of {_rows} values");
            }

            _pageOffset = _chunkOffset + pos;
            var headerReader = new CompactReader(_buffer, pos, _buffer.Length, _pageOffset, "page header");
            var header = MetadataReader.ReadPageHeader(headerReader);
            pos = headerReader.Position;
            if (header.CompressedPageSize < 0 || header.CompressedPageSize > _buffer.Length - pos)
            {
                throw new ParquetException($"page says it holds {header.CompressedPageSize} bytes but {_buffer.Length - pos} remain in the column chunk");
            }

            if (header.UncompressedPageSize < 0)
            {
                throw new ParquetException($"page has negative uncompressed size {header.UncompressedPageSize}");
            }

            var body = _buffer.AsSpan(pos, header.CompressedPageSize);
            pos += header.CompressedPageSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionaryPage(header, body);
                    break;
                case PageType.DataPage:
                    ReadDataPageV1(header, body);
                    break;
                case PageType.DataPageV2:
                    ReadDataPageV2(header, body);
                    break;
                default:
                    // Index pages and unknown page types carry nothing this reader needs.
                    break;
            }
        }

        if (_values.Length != _rows)
        {
            Array.Resize(ref _values, _rows);
        }

        var isNull = _isNull;
        if (isNull is not null && isNull.Length != _rows)
        {
            Array.Resize(ref isNull, _rows);
        }

        return ParquetColumnData.FromRaw(_column.Field.Type, ConvertTimestamps(_values), isNull);
    }

    private void ReadDictionaryPage(PageHeader header, ReadOnlySpan<byte> body)
    {
        if (!header.HasDictionaryPageHeader)
        {
            throw new ParquetException("dictionary page lacks its dictionary_page_header");
        }

        if (_dictionary is not null)
        {
            throw new ParquetException("column chunk has a second dictionary page");
        }

        if (header.Encoding is not (ColumnEncoding.Plain or ColumnEncoding.PlainDictionary))
        {
            throw new ParquetException($"unsupported: dictionary page encoding {PageValueDecoder.EncodingName(header.Encoding)}");
        }

        if (header.NumValues < 0)
        {
            throw new ParquetException($"dictionary page has negative value count {header.NumValues}");
        }

        var data = PageCompression.Decompress(_chunk.Codec, body, header.UncompressedPageSize);
        _dictionary = (T[])PageValueDecoder.Decode(_column, ColumnEncoding.Plain, data, header.NumValues);
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> body)
    {
        if (!header.HasDataPageHeader)
        {
            throw new ParquetException("data page lacks its data_page_header");
        }

        var count = CheckValueCount(header.NumValues);
        var data = PageCompression.Decompress(_chunk.Codec, body, header.UncompressedPageSize);
        var span = (ReadOnlySpan<byte>)data;
        int[]? levels = null;
        if (_column.Field.Nullable)
        {
            if (header.DefinitionLevelEncoding != ColumnEncoding.Rle)
            {
                throw new ParquetException($"unsupported: definition level encoding {PageValueDecoder.EncodingName(header.DefinitionLevelEncoding)}");
            }

            if (span.Length < 4)
            {
                throw new ParquetException($"definition levels: length prefix truncated ({span.Length} bytes in the page)");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(span);
            if (length < 0 || length > span.Length - 4)
            {
                throw new ParquetException($"definition levels say {length} bytes but {span.Length - 4} remain in the page");
            }

            levels = DecodeLevels(span.Slice(4, length), count);
            span = span[(4 + length)..];
        }

        AppendValues(header.Encoding, span, count, levels);
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body)
    {
        if (!header.HasDataPageHeaderV2)
        {
            throw new ParquetException("data page v2 lacks its data_page_header_v2");
        }

        var count = CheckValueCount(header.NumValues);
        var repLength = header.RepetitionLevelsByteLength;
        var defLength = header.DefinitionLevelsByteLength;
        if (repLength < 0 || defLength < 0 || (long)repLength + defLength > body.Length)
        {
            throw new ParquetException($"data page v2 level lengths {repLength} + {defLength} exceed the page's {body.Length} bytes");
        }

        if (repLength > 0)
        {
            throw new ParquetException("unsupported: repetition levels (nested or repeated data) in a flat column");
        }

        int[]? levels = null;
        if (_column.Field.Nullable)
        {
            levels = DecodeLevels(body.Slice(repLength, defLength), count);
        }

        var valuesPart = body[(repLength + defLength)..];
        var uncompressedValues = header.UncompressedPageSize - repLength - defLength;
        var data = header.IsCompressed
            ? PageCompression.Decompress(_chunk.Codec, valuesPart, uncompressedValues)
            : valuesPart.ToArray();
        AppendValues(header.Encoding, data, count, levels);
    }

    private int CheckValueCount(int count)
    {
        if (count < 0 || count > _rows - _filled)
        {
            throw new ParquetException($"page claims {count} values but only {_rows - _filled} of the row group's {_rows} rows remain");
        }

        return count;
    }

    private static int[] DecodeLevels(ReadOnlySpan<byte> data, int count)
    {
        RleHybridDecoder.CheckCount(data, 1, count);
        var levels = new int[count];
        RleHybridDecoder.Decode(data, 1, levels);
        return levels;
    }

    private void AppendValues(ColumnEncoding encoding, ReadOnlySpan<byte> data, int count, int[]? levels)
    {
        var present = count;
        if (levels is not null)
        {
            present = 0;
            foreach (var level in levels)
            {
                present += level;
            }
        }

        T[] dense;
        if (encoding is ColumnEncoding.RleDictionary or ColumnEncoding.PlainDictionary)
        {
            dense = LookUpDictionary(data, present);
        }
        else
        {
            dense = (T[])PageValueDecoder.Decode(_column, encoding, data, present);
        }

        EnsureCapacity(_filled + count);
        if (levels is null)
        {
            dense.AsSpan().CopyTo(_values.AsSpan(_filled));
        }
        else
        {
            _isNull ??= new bool[_values.Length];
            if (_isNull.Length < _values.Length)
            {
                Array.Resize(ref _isNull, _values.Length);
            }

            var next = 0;
            for (var i = 0; i < count; i++)
            {
                if (levels[i] == 1)
                {
                    _values[_filled + i] = dense[next++];
                }
                else
                {
                    _isNull[_filled + i] = true;
                }
            }
        }

        _filled += count;
    }

    private T[] LookUpDictionary(ReadOnlySpan<byte> data, int present)
    {
        var dictionary = _dictionary ?? throw new ParquetException("dictionary-encoded page but the column chunk has no dictionary page");
        if (present == 0)
        {
            return [];
        }

        if (data.Length < 1)
        {
            throw new ParquetException("dictionary indices lack their bit-width byte");
        }

        var bitWidth = data[0];
        var encoded = data[1..];
        RleHybridDecoder.CheckCount(encoded, bitWidth, present);
        var indices = new int[present];
        RleHybridDecoder.Decode(encoded, bitWidth, indices);
        var dense = new T[present];
        for (var i = 0; i < present; i++)
        {
            var index = indices[i];
            if ((uint)index >= (uint)dictionary.Length)
            {
                throw new ParquetException($"dictionary index {index} is outside the dictionary's {dictionary.Length} entries");
            }

            dense[i] = dictionary[index];
        }

        return dense;
    }

    private void EnsureCapacity(int needed)
    {
        // Grow with the data actually decoded instead of trusting the footer's row count up front.
        if (needed > _values.Length)
        {
            var capacity = (int)Math.Min(_rows, Math.Max(needed, (long)_values.Length * 2));
            Array.Resize(ref _values, capacity);
        }
    }

    private Array ConvertTimestamps(T[] values)
    {
        if (_column.Field.Type != ParquetType.TimestampMicros || (_column.TimestampMultiplier == 1 && _column.TimestampDivisor == 1))
        {
            return values;
        }

        var longs = (long[])(object)values;
        for (var i = 0; i < longs.Length; i++)
        {
            try
            {
                longs[i] = checked(longs[i] * _column.TimestampMultiplier) / _column.TimestampDivisor;
            }
            catch (OverflowException e)
            {
                throw new ParquetException($"timestamp value {longs[i]} at row {i} overflows when converted to microseconds", e);
            }
        }

        return longs;
    }
}
