using System.Buffers.Binary;

namespace Segmentation.Parquet.Encodings;

/// <summary>Decodes the RLE / bit-packed hybrid encoding used for levels, dictionary indices and RLE booleans.</summary>
internal static class RleHybridDecoder
{
    /// <summary>Decodes exactly output.Length values of the given bit width; returns the number of bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new ParquetException($"RLE bit width {bitWidth} is outside [0, 32]");
        }

        var pos = 0;
        var written = 0;
        var byteWidth = (bitWidth + 7) / 8;
        while (written < output.Length)
        {
            var header = ReadUnsignedVarint(data, ref pos);
            if ((header & 1) == 0)
            {
                var runLength = header >> 1;
                if (runLength == 0)
                {
                    throw new ParquetException($"RLE run of length zero at byte {pos} of the encoded data");
                }

                if (data.Length - pos < byteWidth)
                {
                    throw new ParquetException($"RLE run value truncated at byte {pos} of {data.Length}");
                }

                var value = 0;
                for (var i = 0; i < byteWidth; i++)
                {
                    value |= data[pos + i] << (8 * i);
                }

                pos += byteWidth;
                var take = (int)Math.Min(runLength, (ulong)(output.Length - written));
                output.Slice(written, take).Fill(value);
                written += take;
            }
            else
            {
                var groups = header >> 1;
                var bytesNeeded = groups * (ulong)bitWidth;
                if (groups == 0 || bytesNeeded > (ulong)(data.Length - pos))
                {
                    // Writers may end the last bit-packed run early when the page ends; decode what is there.
                    bytesNeeded = (ulong)(data.Length - pos);
                    if (bytesNeeded == 0 && bitWidth > 0)
                    {
                        throw new ParquetException($"bit-packed run truncated at byte {pos} of {data.Length}");
                    }
                }

                var valuesInRun = bitWidth == 0 ? groups * 8 : bytesNeeded * 8 / (ulong)bitWidth;
                var take = (int)Math.Min(valuesInRun, (ulong)(output.Length - written));
                if (take == 0)
                {
                    throw new ParquetException($"empty bit-packed run at byte {pos} of the encoded data");
                }

                Unpack(data.Slice(pos, (int)bytesNeeded), bitWidth, output.Slice(written, take));
                written += take;
                pos += (int)bytesNeeded;
            }
        }

        return pos;
    }

    /// <summary>Walks the run headers to check the data can yield count values, so callers can allocate for count safely.</summary>
    public static void CheckCount(ReadOnlySpan<byte> data, int bitWidth, int count)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new ParquetException($"RLE bit width {bitWidth} is outside [0, 32]");
        }

        var pos = 0;
        long available = 0;
        var byteWidth = (bitWidth + 7) / 8;
        while (available < count)
        {
            if (pos >= data.Length)
            {
                throw new ParquetException($"RLE data of {data.Length} bytes holds only {available} of the {count} values expected");
            }

            var header = ReadUnsignedVarint(data, ref pos);
            if ((header & 1) == 0)
            {
                available += (long)Math.Min(header >> 1, int.MaxValue);
                pos += byteWidth;
            }
            else
            {
                var groups = header >> 1;
                var bytes = Math.Min(groups * (ulong)bitWidth, (ulong)(data.Length - pos));
                available += bitWidth == 0 ? (long)Math.Min(groups * 8, int.MaxValue) : (long)(bytes * 8 / (ulong)bitWidth);
                pos += (int)bytes;
                if (bitWidth > 0 && bytes == 0)
                {
                    throw new ParquetException($"bit-packed run truncated at byte {pos} of {data.Length}");
                }
            }
        }
    }

    /// <summary>Unpacks output.Length little-endian bit-packed values; the caller guarantees enough bytes.</summary>
    public static void Unpack(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        var mask = bitWidth == 32 ? ulong.MaxValue >> 32 : (1UL << bitWidth) - 1;
        long bitPos = 0;
        for (var i = 0; i < output.Length; i++)
        {
            var byteIndex = (int)(bitPos >> 3);
            var shift = (int)(bitPos & 7);
            ulong chunk;
            if (byteIndex + 8 <= data.Length)
            {
                chunk = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(byteIndex, 8));
            }
            else
            {
                chunk = 0;
                for (var b = 0; byteIndex + b < data.Length && b < 8; b++)
                {
                    chunk |= (ulong)data[byteIndex + b] << (8 * b);
                }
            }

            output[i] = (int)((chunk >> shift) & mask);
            bitPos += bitWidth;
        }
    }

    /// <summary>Reads an unsigned LEB128 varint, failing cleanly on truncation or overlong input.</summary>
    public static ulong ReadUnsignedVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new ParquetException($"varint truncated at byte {pos} of {data.Length}");
            }

            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ParquetException($"varint longer than 10 bytes ending at byte {pos}");
    }
}
