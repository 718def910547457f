using System.Buffers.Binary;
using System.Text;
using Segmentation.Parquet.Encodings;
using Segmentation.Parquet.Format;
using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Reading;

/// <summary>Decodes the non-null values of one page (or a dictionary) for a column, choosing the decoder by encoding and physical type.</summary>
internal static class PageValueDecoder
{
    private static readonly ByteArrayConverter<string?> ToText = bytes => Encoding.UTF8.GetString(bytes);
    private static readonly ByteArrayConverter<byte[]?> ToBytes = bytes => bytes.ToArray();

    /// <summary>Decodes count values into the column's storage array type (int[], long[], float[], double[], bool[], string?[] or byte[]?[]).</summary>
    public static Array Decode(ColumnDescriptor column, ColumnEncoding encoding, ReadOnlySpan<byte> data, int count)
    {
        var physical = column.Physical;
        switch (encoding)
        {
            case ColumnEncoding.Plain:
                return physical switch
                {
                    PhysicalType.Boolean => PlainDecoder.DecodeBoolean(data, count),
                    PhysicalType.Int32 => PlainDecoder.DecodeFixed<int>(data, count),
                    PhysicalType.Int64 => PlainDecoder.DecodeFixed<long>(data, count),
                    PhysicalType.Int96 => PlainDecoder.DecodeInt96(data, count),
                    PhysicalType.Float => PlainDecoder.DecodeFixed<float>(data, count),
                    PhysicalType.Double => PlainDecoder.DecodeFixed<double>(data, count),
                    PhysicalType.ByteArray => DecodeBytes(column, data, count, PlainDecoder.DecodeByteArray, PlainDecoder.DecodeByteArray),
                    PhysicalType.FixedLenByteArray => column.Field.Type == ParquetType.String
                        ? PlainDecoder.DecodeFixedLenByteArray(data, count, column.TypeLength, ToText)
                        : PlainDecoder.DecodeFixedLenByteArray(data, count, column.TypeLength, ToBytes),
                    _ => throw Unsupported(encoding, physical),
                };
            case ColumnEncoding.DeltaBinaryPacked when physical == PhysicalType.Int64:
                return DeltaBinaryPackedDecoder.Decode(data, count, out _);
            case ColumnEncoding.DeltaBinaryPacked when physical == PhysicalType.Int32:
                var longs = DeltaBinaryPackedDecoder.Decode(data, count, out _);
                var ints = new int[count];
                for (var i = 0; i < count; i++)
                {
                    // INT32 deltas wrap in 32 bits, so truncation is the defined result.
                    ints[i] = unchecked((int)longs[i]);
                }

                return ints;
            case ColumnEncoding.DeltaLengthByteArray when physical == PhysicalType.ByteArray:
                return DecodeBytes(column, data, count, DeltaByteArrayDecoder.DecodeDeltaLength, DeltaByteArrayDecoder.DecodeDeltaLength);
            case ColumnEncoding.DeltaByteArray when physical is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                return DecodeBytes(column, data, count, DeltaByteArrayDecoder.DecodeDeltaByteArray, DeltaByteArrayDecoder.DecodeDeltaByteArray);
            case ColumnEncoding.ByteStreamSplit:
                return physical switch
                {
                    PhysicalType.Float => ByteStreamSplitDecoder.Decode<float>(data, count, 4),
                    PhysicalType.Double => ByteStreamSplitDecoder.Decode<double>(data, count, 8),
                    PhysicalType.Int32 => ByteStreamSplitDecoder.Decode<int>(data, count, 4),
                    PhysicalType.Int64 => ByteStreamSplitDecoder.Decode<long>(data, count, 8),
                    _ => throw Unsupported(encoding, physical),
                };
            case ColumnEncoding.Rle when physical == PhysicalType.Boolean:
                return DecodeRleBooleans(data, count);
            default:
                throw Unsupported(encoding, physical);
        }
    }

    /// <summary>The "unsupported: …" error for an encoding this reader lacks.</summary>
    public static ParquetException Unsupported(ColumnEncoding encoding, PhysicalType physical) =>
        new($"unsupported: encoding {EncodingName(encoding)} for physical type {physical.ToString().ToUpperInvariant()}");

    /// <summary>The specification's name of an encoding.</summary>
    public static string EncodingName(ColumnEncoding encoding) => encoding switch
    {
        ColumnEncoding.Plain => "PLAIN",
        ColumnEncoding.PlainDictionary => "PLAIN_DICTIONARY",
        ColumnEncoding.Rle => "RLE",
        ColumnEncoding.BitPacked => "BIT_PACKED",
        ColumnEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        ColumnEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        ColumnEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        ColumnEncoding.RleDictionary => "RLE_DICTIONARY",
        ColumnEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => $"#{(int)encoding}",
    };

    private static Array DecodeBytes(
        ColumnDescriptor column,
        ReadOnlySpan<byte> data,
        int count,
        ByteDecoder<string?> asText,
        ByteDecoder<byte[]?> asBytes) =>
        column.Field.Type == ParquetType.String ? asText(data, count, ToText) : asBytes(data, count, ToBytes);

    private static bool[] DecodeRleBooleans(ReadOnlySpan<byte> data, int count)
    {
        if (data.Length < 4)
        {
            throw new ParquetException($"RLE booleans: length prefix truncated ({data.Length} bytes)");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw new ParquetException($"RLE booleans: length {length} exceeds the {data.Length - 4} bytes present");
        }

        var body = data.Slice(4, length);
        RleHybridDecoder.CheckCount(body, 1, count);
        var bits = new int[count];
        RleHybridDecoder.Decode(body, 1, bits);
        var result = new bool[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = bits[i] != 0;
        }

        return result;
    }

    private delegate T[] ByteDecoder<T>(ReadOnlySpan<byte> data, int count, ByteArrayConverter<T> convert);
}
