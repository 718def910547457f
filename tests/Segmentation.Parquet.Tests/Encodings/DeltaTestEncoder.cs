namespace Segmentation.Parquet.Tests.Encodings;

/// <summary>A straightforward DELTA_BINARY_PACKED encoder (block of 128, 4 miniblocks) used to build decoder inputs.</summary>
internal static class DeltaTestEncoder
{
    public static byte[] Encode(IReadOnlyList<long> values)
    {
        var output = new List<byte>();
        Varint(output, 128);
        Varint(output, 4);
        Varint(output, (ulong)values.Count);
        Varint(output, ZigZag(values.Count > 0 ? values[0] : 0));
        for (var start = 1; start < values.Count; start += 128)
        {
            var deltas = new List<long>();
            for (var i = start; i < Math.Min(start + 128, values.Count); i++)
            {
                deltas.Add(unchecked(values[i] - values[i - 1]));
            }

            var minDelta = deltas.Min();
            Varint(output, ZigZag(minDelta));
            var widths = new byte[4];
            for (var m = 0; m < 4; m++)
            {
                var slice = deltas.Skip(m * 32).Take(32).Select(d => unchecked((ulong)(d - minDelta))).ToArray();
                widths[m] = slice.Length == 0 ? (byte)0 : (byte)(64 - ulong.LeadingZeroCount(slice.Max()));
            }

            output.AddRange(widths);
            for (var m = 0; m < 4 && m * 32 < deltas.Count; m++)
            {
                var slice = deltas.Skip(m * 32).Take(32).Select(d => unchecked((ulong)(d - minDelta))).ToArray();
                var bits = new byte[32 * widths[m] / 8];
                long bitPos = 0;
                foreach (var v in slice)
                {
                    for (var b = 0; b < widths[m]; b++, bitPos++)
                    {
                        if (((v >> b) & 1) != 0)
                        {
                            bits[bitPos >> 3] |= (byte)(1 << (int)(bitPos & 7));
                        }
                    }
                }

                output.AddRange(bits);
            }
        }

        return output.ToArray();
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static void Varint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }
}
