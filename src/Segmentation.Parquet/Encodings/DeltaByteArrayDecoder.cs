namespace Segmentation.Parquet.Encodings;

/// <summary>Decodes DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (incremental / front-coded) byte arrays.</summary>
internal static class DeltaByteArrayDecoder
{
    /// <summary>Decodes DELTA_LENGTH_BYTE_ARRAY: delta-packed lengths followed by the concatenated bytes.</summary>
    public static T[] DecodeDeltaLength<T>(ReadOnlySpan<byte> data, int count, ByteArrayConverter<T> convert)
    {
        var lengths = DeltaBinaryPackedDecoder.Decode(data, count, out var pos);
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            var length = lengths[i];
            if (length < 0 || length > data.Length - pos)
            {
                throw new ParquetException($"DELTA_LENGTH_BYTE_ARRAY value {i} of {count}: length {length} exceeds the {data.Length - pos} remaining bytes");
            }

            result[i] = convert(data.Slice(pos, (int)length));
            pos += (int)length;
        }

        return result;
    }

    /// <summary>Decodes DELTA_BYTE_ARRAY: each value is a prefix of the previous value plus a suffix.</summary>
    public static T[] DecodeDeltaByteArray<T>(ReadOnlySpan<byte> data, int count, ByteArrayConverter<T> convert)
    {
        var prefixes = DeltaBinaryPackedDecoder.Decode(data, count, out var consumed);
        var rest = data[consumed..];
        var suffixLengths = DeltaBinaryPackedDecoder.Decode(rest, count, out var pos);
        var result = new T[count];
        var previous = new byte[64];
        var previousLength = 0;
        var current = new byte[64];
        for (var i = 0; i < count; i++)
        {
            var prefix = prefixes[i];
            var suffix = suffixLengths[i];
            if (prefix < 0 || prefix > previousLength)
            {
                throw new ParquetException($"DELTA_BYTE_ARRAY value {i} of {count}: prefix length {prefix} exceeds the previous value's {previousLength} bytes");
            }

            if (suffix < 0 || suffix > rest.Length - pos)
            {
                throw new ParquetException($"DELTA_BYTE_ARRAY value {i} of {count}: suffix length {suffix} exceeds the {rest.Length - pos} remaining bytes");
            }

            var length = (int)(prefix + suffix);
            if (current.Length < length)
            {
                current = new byte[Math.Max(length, current.Length * 2)];
            }

            previous.AsSpan(0, (int)prefix).CopyTo(current);
            rest.Slice(pos, (int)suffix).CopyTo(current.AsSpan((int)prefix));
            pos += (int)suffix;
            result[i] = convert(current.AsSpan(0, length));
            (previous, current) = (current, previous);
            previousLength = length;
        }

        return result;
    }
}
