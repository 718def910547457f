using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Segmentation.Parquet.Encodings;

/// <summary>Decodes PLAIN-encoded values; every count is checked against the bytes present.</summary>
internal static class PlainDecoder
{
    /// <summary>Decodes count fixed-width little-endian values (int, long, float, double).</summary>
    public static T[] DecodeFixed<T>(ReadOnlySpan<byte> data, int count)
        where T : unmanaged
    {
        var width = Marshal.SizeOf<T>();
        Need(data, (long)count * width, count, "PLAIN");
        var result = new T[count];
        MemoryMarshal.Cast<byte, T>(data[..(count * width)]).CopyTo(result);
        return result;
    }

    /// <summary>Decodes count INT96 timestamps (nanoseconds of day, then Julian day) into microseconds since 1970.</summary>
    public static long[] DecodeInt96(ReadOnlySpan<byte> data, int count)
    {
        Need(data, (long)count * 12, count, "PLAIN INT96");
        const long JulianDayOfEpoch = 2_440_588;
        const long MicrosPerDay = 86_400_000_000;
        var result = new long[count];
        for (var i = 0; i < count; i++)
        {
            var nanos = BinaryPrimitives.ReadInt64LittleEndian(data.Slice(i * 12, 8));
            var julianDay = BinaryPrimitives.ReadInt32LittleEndian(data.Slice((i * 12) + 8, 4));
            result[i] = ((julianDay - JulianDayOfEpoch) * MicrosPerDay) + (nanos / 1000);
        }

        return result;
    }

    /// <summary>Decodes count bit-packed booleans (least significant bit first).</summary>
    public static bool[] DecodeBoolean(ReadOnlySpan<byte> data, int count)
    {
        Need(data, ((long)count + 7) / 8, count, "PLAIN BOOLEAN");
        var result = new bool[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = (data[i >> 3] & (1 << (i & 7))) != 0;
        }

        return result;
    }

    /// <summary>Decodes count length-prefixed byte arrays.</summary>
    public static T[] DecodeByteArray<T>(ReadOnlySpan<byte> data, int count, ByteArrayConverter<T> convert)
    {
        // Each value needs at least its 4-byte length, so a larger count cannot be honest.
        Need(data, (long)count * 4, count, "PLAIN BYTE_ARRAY");
        var result = new T[count];
        var pos = 0;
        for (var i = 0; i < count; i++)
        {
            if (data.Length - pos < 4)
            {
                throw new ParquetException($"PLAIN BYTE_ARRAY value {i} of {count}: length prefix truncated at byte {pos} of {data.Length}");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(pos, 4));
            pos += 4;
            if (length < 0 || length > data.Length - pos)
            {
                throw new ParquetException($"PLAIN BYTE_ARRAY value {i} of {count}: length {length} exceeds the {data.Length - pos} remaining bytes");
            }

            result[i] = convert(data.Slice(pos, length));
            pos += length;
        }

        return result;
    }

    /// <summary>Decodes count FIXED_LEN_BYTE_ARRAY values of the given width.</summary>
    public static T[] DecodeFixedLenByteArray<T>(ReadOnlySpan<byte> data, int count, int width, ByteArrayConverter<T> convert)
    {
        Need(data, (long)count * width, count, "PLAIN FIXED_LEN_BYTE_ARRAY");
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = convert(data.Slice(i * width, width));
        }

        return result;
    }

    /// <summary>Throws when fewer than the needed bytes are present.</summary>
    public static void Need(ReadOnlySpan<byte> data, long bytes, int count, string encoding)
    {
        if (bytes > data.Length)
        {
            throw new ParquetException($"{encoding}: {count} values need {bytes} bytes but the page holds {data.Length}");
        }
    }
}
