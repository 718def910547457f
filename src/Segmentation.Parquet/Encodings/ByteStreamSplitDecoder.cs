namespace Segmentation.Parquet.Encodings;

/// <summary>Decodes BYTE_STREAM_SPLIT: byte k of every value is stored in stream k.</summary>
internal static class ByteStreamSplitDecoder
{
    /// <summary>Reassembles count values of the given width into contiguous little-endian bytes, then reads them as T.</summary>
    public static T[] Decode<T>(ReadOnlySpan<byte> data, int count, int width)
        where T : unmanaged
    {
        PlainDecoder.Need(data, (long)count * width, count, "BYTE_STREAM_SPLIT");
        var joined = new byte[count * width];
        for (var k = 0; k < width; k++)
        {
            var stream = data.Slice(k * count, count);
            for (var i = 0; i < count; i++)
            {
                joined[(i * width) + k] = stream[i];
            }
        }

        return PlainDecoder.DecodeFixed<T>(joined, count);
    }
}
