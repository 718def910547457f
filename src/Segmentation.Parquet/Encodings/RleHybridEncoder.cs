namespace Segmentation.Parquet.Encodings;

/// <summary>Encodes values with the RLE / bit-packed hybrid: runs of eight or more equal values as RLE, the rest bit-packed.</summary>
internal static class RleHybridEncoder
{
    private const int MinRleRun = 8;

    /// <summary>Appends the encoding of values (each below 2^bitWidth) to the output.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        var i = 0;
        while (i < values.Length)
        {
            var run = RunLength(values, i);
            if (run >= MinRleRun)
            {
                WriteRleRun(values[i], run, bitWidth, output);
                i += run;
                continue;
            }

            // Collect values into a bit-packed run until a long repeat starts; round up to whole groups of 8,
            // borrowing from the following run because only the last run of the data may be padded.
            var end = i;
            while (end < values.Length)
            {
                var r = RunLength(values, end);
                if (r >= MinRleRun)
                {
                    break;
                }

                end += r;
            }

            var count = end - i;
            var rounded = (count + 7) / 8 * 8;
            count = Math.Min(rounded, values.Length - i);
            WriteBitPackedRun(values.Slice(i, count), bitWidth, output);
            i += count;
        }
    }

    /// <summary>Number of bits needed for values in [0, maxValue].</summary>
    public static int BitWidth(int maxValue) => maxValue <= 0 ? 0 : 32 - int.LeadingZeroCount(maxValue);

    private static int RunLength(ReadOnlySpan<int> values, int start)
    {
        var end = start + 1;
        while (end < values.Length && values[end] == values[start])
        {
            end++;
        }

        return end - start;
    }

    private static void WriteRleRun(int value, int count, int bitWidth, ByteBuffer output)
    {
        output.WriteVarint((ulong)count << 1);
        var byteWidth = (bitWidth + 7) / 8;
        for (var b = 0; b < byteWidth; b++)
        {
            output.WriteByte((byte)(value >> (8 * b)));
        }
    }

    private static void WriteBitPackedRun(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        var groups = (values.Length + 7) / 8;
        output.WriteVarint(((ulong)groups << 1) | 1);
        var span = output.Allocate(groups * bitWidth);
        span.Clear();
        long bitPos = 0;
        foreach (var value in values)
        {
            var v = (ulong)(uint)value;
            var bitsLeft = bitWidth;
            while (bitsLeft > 0)
            {
                var byteIndex = (int)(bitPos >> 3);
                var shift = (int)(bitPos & 7);
                var take = Math.Min(8 - shift, bitsLeft);
                span[byteIndex] |= (byte)((v & ((1UL << take) - 1)) << shift);
                v >>= take;
                bitsLeft -= take;
                bitPos += take;
            }
        }
    }
}
