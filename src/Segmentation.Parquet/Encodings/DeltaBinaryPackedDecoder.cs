namespace Segmentation.Parquet.Encodings;

/// <summary>Decodes DELTA_BINARY_PACKED integers (blocks of miniblocks of bit-packed deltas from a minimum delta).</summary>
internal static class DeltaBinaryPackedDecoder
{
    /// <summary>Decodes exactly count values; returns them with the number of bytes consumed.</summary>
    public static long[] Decode(ReadOnlySpan<byte> data, int count, out int consumed)
    {
        var pos = 0;
        var blockSize = RleHybridDecoder.ReadUnsignedVarint(data, ref pos);
        var miniblockCount = RleHybridDecoder.ReadUnsignedVarint(data, ref pos);
        var total = RleHybridDecoder.ReadUnsignedVarint(data, ref pos);
        var first = ZigZag(RleHybridDecoder.ReadUnsignedVarint(data, ref pos));
        if (blockSize == 0 || blockSize % 128 != 0 || miniblockCount == 0 || blockSize % miniblockCount != 0 || blockSize / miniblockCount % 8 != 0 || blockSize > 1 << 20)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED header has block size {blockSize} and {miniblockCount} miniblocks, which do not divide into multiples of 8");
        }

        if (total != (ulong)count)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED header holds {total} values but {count} were expected");
        }

        var result = new long[count];
        var valuesPerMiniblock = (int)(blockSize / miniblockCount);
        var widths = new byte[(int)miniblockCount];
        var deltas = new long[valuesPerMiniblock];
        if (count > 0)
        {
            result[0] = first;
        }

        var filled = 1;
        var previous = first;
        while (filled < count)
        {
            var minDelta = ZigZag(RleHybridDecoder.ReadUnsignedVarint(data, ref pos));
            if (data.Length - pos < widths.Length)
            {
                throw new ParquetException($"DELTA_BINARY_PACKED miniblock widths truncated at byte {pos} of {data.Length}");
            }

            data.Slice(pos, widths.Length).CopyTo(widths);
            pos += widths.Length;
            for (var m = 0; m < widths.Length && filled < count; m++)
            {
                var width = widths[m];
                if (width > 64)
                {
                    throw new ParquetException($"DELTA_BINARY_PACKED miniblock bit width {width} exceeds 64");
                }

                var fullBytes = valuesPerMiniblock * width / 8;
                var take = Math.Min(valuesPerMiniblock, count - filled);
                var neededBytes = (int)(((long)take * width + 7) / 8);
                if (data.Length - pos < neededBytes)
                {
                    throw new ParquetException($"DELTA_BINARY_PACKED miniblock truncated at byte {pos} of {data.Length}");
                }

                var available = Math.Min(fullBytes, data.Length - pos);
                UnpackLongs(data.Slice(pos, available), width, deltas.AsSpan(0, take));
                pos += available;
                for (var i = 0; i < take; i++)
                {
                    previous = unchecked(previous + minDelta + deltas[i]);
                    result[filled++] = previous;
                }
            }
        }

        consumed = pos;
        return result;
    }

    private static long ZigZag(ulong raw) => (long)(raw >> 1) ^ -(long)(raw & 1);

    private static void UnpackLongs(ReadOnlySpan<byte> data, int width, Span<long> output)
    {
        if (width == 0)
        {
            output.Clear();
            return;
        }

        long bitPos = 0;
        for (var i = 0; i < output.Length; i++)
        {
            ulong value = 0;
            var got = 0;
            while (got < width)
            {
                var byteIndex = (int)(bitPos >> 3);
                var shift = (int)(bitPos & 7);
                var take = Math.Min(8 - shift, width - got);
                var bits = (ulong)((data[byteIndex] >> shift) & ((1 << take) - 1));
                value |= bits << got;
                got += take;
                bitPos += take;
            }

            output[i] = (long)value;
        }
    }
}
