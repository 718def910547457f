using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Segmentation.Parquet.Writing;

/// <summary>Encodes a range of dense (non-null) values with the PLAIN encoding.</summary>
internal static class PlainEncoder
{
    /// <summary>Appends values [start, start + count) of a dense int[], long[], float[], double[], bool[] or byte[][] array.</summary>
    public static void Encode(Array dense, int start, int count, Encodings.ByteBuffer output)
    {
        switch (dense)
        {
            case int[] ints:
                output.Write(MemoryMarshal.AsBytes(ints.AsSpan(start, count)));
                break;
            case long[] longs:
                output.Write(MemoryMarshal.AsBytes(longs.AsSpan(start, count)));
                break;
            case float[] floats:
                output.Write(MemoryMarshal.AsBytes(floats.AsSpan(start, count)));
                break;
            case double[] doubles:
                output.Write(MemoryMarshal.AsBytes(doubles.AsSpan(start, count)));
                break;
            case bool[] bools:
                var packed = output.Allocate((count + 7) / 8);
                packed.Clear();
                for (var i = 0; i < count; i++)
                {
                    if (bools[start + i])
                    {
                        packed[i >> 3] |= (byte)(1 << (i & 7));
                    }
                }

                break;
            case byte[][] arrays:
                for (var i = start; i < start + count; i++)
                {
                    var value = arrays[i];
                    BinaryPrimitives.WriteInt32LittleEndian(output.Allocate(4), value.Length);
                    output.Write(value);
                }

                break;
            default:
                throw new InvalidOperationException($"no PLAIN encoding for {dense.GetType().Name}");
        }
    }

    /// <summary>The PLAIN-encoded size of values [start, start + count).</summary>
    public static long EncodedSize(Array dense, int start, int count) => dense switch
    {
        int[] or float[] => 4L * count,
        long[] or double[] => 8L * count,
        bool[] => (count + 7L) / 8,
        byte[][] arrays => SumByteArrays(arrays, start, count),
        _ => throw new InvalidOperationException($"no PLAIN encoding for {dense.GetType().Name}"),
    };

    private static long SumByteArrays(byte[][] arrays, int start, int count)
    {
        long total = 0;
        for (var i = start; i < start + count; i++)
        {
            total += 4 + arrays[i].Length;
        }

        return total;
    }
}
