namespace Segmentation.Parquet.Writing;

/// <summary>Builds a column chunk's dictionary and per-value indices, giving up once the dictionary outgrows its limit.</summary>
internal static class DictionaryBuilder
{
    /// <summary>Dictionary-encodes dense int[], long[], float[], double[] or byte[][] values; returns false when the dictionary would exceed limitBytes.</summary>
    /// <remarks>Floating-point values are keyed by their bits, so NaN payloads and negative zero survive the round trip.</remarks>
    public static bool TryBuild(Array dense, long limitBytes, out Array entries, out int[] indices)
    {
        switch (dense)
        {
            case int[] ints:
                return TryBuild<int>(ints, EqualityComparer<int>.Default, _ => 4, limitBytes, out entries, out indices);
            case float[] floats:
                // The entries stay as raw bits: their PLAIN bytes are the same as the floats'.
                return TryBuild<int>(floats.Select(BitConverter.SingleToInt32Bits).ToArray(), EqualityComparer<int>.Default, _ => 4, limitBytes, out entries, out indices);
            case long[] longs:
                return TryBuild<long>(longs, EqualityComparer<long>.Default, _ => 8, limitBytes, out entries, out indices);
            case double[] doubles:
                return TryBuild<long>(doubles.Select(BitConverter.DoubleToInt64Bits).ToArray(), EqualityComparer<long>.Default, _ => 8, limitBytes, out entries, out indices);
            case byte[][] arrays:
                return TryBuild(arrays, ByteArrayComparer.Instance, a => 4 + a.Length, limitBytes, out entries, out indices);
            default:
                entries = Array.Empty<int>();
                indices = [];
                return false;
        }
    }

    private static bool TryBuild<T>(T[] values, IEqualityComparer<T> comparer, Func<T, int> plainSize, long limitBytes, out Array entries, out int[] indices)
        where T : notnull
    {
        var map = new Dictionary<T, int>(comparer);
        var list = new List<T>();
        indices = new int[values.Length];
        long size = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (!map.TryGetValue(value, out var index))
            {
                size += plainSize(value);
                if (size > limitBytes)
                {
                    entries = Array.Empty<T>();
                    indices = [];
                    return false;
                }

                index = list.Count;
                map.Add(value, index);
                list.Add(value);
            }

            indices[i] = index;
        }

        entries = list.ToArray();
        return true;
    }

    /// <summary>Dictionary-encodes the non-null strings as UTF-8 entries; also returns the PLAIN size of all present values.</summary>
    public static bool TryBuildStrings(string?[] values, int present, long limitBytes, out byte[][] entries, out int[] indices, out long plainSize)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<byte[]>();
        indices = new int[present];
        plainSize = 0;
        long size = 0;
        var j = 0;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (!map.TryGetValue(value, out var index))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(value);
                size += 4 + bytes.Length;
                if (size > limitBytes)
                {
                    entries = [];
                    indices = [];
                    return false;
                }

                index = list.Count;
                map.Add(value, index);
                list.Add(bytes);
            }

            indices[j++] = index;
            plainSize += 4 + list[index].Length;
        }

        entries = list.ToArray();
        return true;
    }
}
