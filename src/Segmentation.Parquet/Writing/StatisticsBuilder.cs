using System.Buffers.Binary;
using System.Numerics;
using Segmentation.Parquet.Format;

namespace Segmentation.Parquet.Writing;

/// <summary>Computes min_value, max_value and null_count for a column chunk, in each type's defined sort order.</summary>
internal static class StatisticsBuilder
{
    /// <summary>Statistics over dense (non-null) values: signed for integers, numeric ignoring NaN for floats, unsigned bytewise for byte arrays.</summary>
    public static Statistics Build(Array dense, long nullCount)
    {
        var stats = new Statistics { NullCount = nullCount };
        switch (dense)
        {
            case int[] { Length: > 0 } ints:
                stats.MinValue = Int32Bytes(ints.Min());
                stats.MaxValue = Int32Bytes(ints.Max());
                break;
            case long[] { Length: > 0 } longs:
                stats.MinValue = Int64Bytes(longs.Min());
                stats.MaxValue = Int64Bytes(longs.Max());
                break;
            case double[] doubles:
                SetDoubles(stats, doubles);
                break;
            case float[] floats:
                SetFloats(stats, floats);
                break;
            case bool[] { Length: > 0 } bools:
                stats.MinValue = [(byte)(Array.IndexOf(bools, false) >= 0 ? 0 : 1)];
                stats.MaxValue = [(byte)(Array.IndexOf(bools, true) >= 0 ? 1 : 0)];
                break;
            case byte[][] { Length: > 0 } arrays:
                var min = arrays[0];
                var max = arrays[0];
                foreach (var value in arrays)
                {
                    // Span comparison of bytes is unsigned and lexicographic, as Parquet requires for BYTE_ARRAY.
                    if (value.AsSpan().SequenceCompareTo(min) < 0)
                    {
                        min = value;
                    }

                    if (value.AsSpan().SequenceCompareTo(max) > 0)
                    {
                        max = value;
                    }
                }

                stats.MinValue = min;
                stats.MaxValue = max;
                break;
            default:
                break;
        }

        return stats;
    }

    private static void SetDoubles(Statistics stats, double[] values)
    {
        if (!TryGetRange(values, out var min, out var max))
        {
            return;
        }

        stats.MinValue = new byte[8];
        stats.MaxValue = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(stats.MinValue, min);
        BinaryPrimitives.WriteDoubleLittleEndian(stats.MaxValue, max);
    }

    private static void SetFloats(Statistics stats, float[] values)
    {
        if (!TryGetRange(values, out var min, out var max))
        {
            return;
        }

        stats.MinValue = new byte[4];
        stats.MaxValue = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(stats.MinValue, min);
        BinaryPrimitives.WriteSingleLittleEndian(stats.MaxValue, max);
    }

    /// <summary>The min and max of the non-NaN values; false when every value is NaN (or there are none).</summary>
    private static bool TryGetRange<T>(T[] values, out T min, out T max)
        where T : IFloatingPointIeee754<T>
    {
        min = T.PositiveInfinity;
        max = T.NegativeInfinity;
        var any = false;
        foreach (var v in values)
        {
            if (T.IsNaN(v))
            {
                continue;
            }

            any = true;
            min = T.Min(min, v);
            max = T.Max(max, v);
        }

        // The spec asks for -0.0 as a zero minimum and +0.0 as a zero maximum, so either zero lies within the bounds.
        min = T.IsZero(min) ? T.NegativeZero : min;
        max = T.IsZero(max) ? T.Zero : max;
        return any;
    }

    private static byte[] Int32Bytes(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Int64Bytes(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }
}
