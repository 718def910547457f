using System.IO.Compression;
using Segmentation.Parquet.Encodings;
using Segmentation.Parquet.Format;

namespace Segmentation.Parquet.Compression;

/// <summary>Compresses and decompresses page bodies with the codecs this library supports.</summary>
internal static class PageCompression
{
    /// <summary>Compresses a page body.</summary>
    public static byte[] Compress(CompressionCodec codec, ReadOnlySpan<byte> data)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                return data.ToArray();
            case CompressionCodec.Snappy:
                return IronSnappy.Snappy.Encode(data);
            case CompressionCodec.Gzip:
                using (var output = new MemoryStream(data.Length / 2 + 64))
                {
                    using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
                    {
                        gzip.Write(data);
                    }

                    return output.ToArray();
                }

            default:
                throw new ParquetException($"unsupported: writing with codec {codec}");
        }
    }

    /// <summary>Decompresses a page body that must come out at exactly uncompressedSize bytes.</summary>
    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> data, int uncompressedSize)
    {
        if (uncompressedSize < 0)
        {
            throw new ParquetException($"negative uncompressed page size {uncompressedSize}");
        }

        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                if (data.Length != uncompressedSize)
                {
                    throw new ParquetException($"uncompressed page holds {data.Length} bytes but its header says {uncompressedSize}");
                }

                return data.ToArray();
            case CompressionCodec.Snappy:
                return DecompressSnappy(data, uncompressedSize);
            case CompressionCodec.Gzip:
                return DecompressGzip(data, uncompressedSize);
            default:
                throw new ParquetException($"unsupported: compression codec {codec.ToString().ToUpperInvariant()} (supported: UNCOMPRESSED, SNAPPY, GZIP)");
        }
    }

    private static byte[] DecompressSnappy(ReadOnlySpan<byte> data, int uncompressedSize)
    {
        // The snappy preamble states the decoded length; check it before the decoder allocates anything.
        var pos = 0;
        ulong declared;
        try
        {
            declared = RleHybridDecoder.ReadUnsignedVarint(data, ref pos);
        }
        catch (ParquetException e)
        {
            throw new ParquetException($"snappy decompression failed: bad length preamble ({e.Message})", e);
        }

        if (declared != (ulong)uncompressedSize)
        {
            throw new ParquetException($"snappy data decodes to {declared} bytes but the page header says {uncompressedSize}");
        }

        // A snappy element expands at most ~22 times (a 3-byte copy of 64 bytes), so more is a lie.
        if (declared > ((ulong)data.Length * 32) + 64)
        {
            throw new ParquetException($"snappy data of {data.Length} bytes cannot decode to the {declared} bytes it declares");
        }

        byte[] result;
        try
        {
            result = IronSnappy.Snappy.Decode(data);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ParquetException($"snappy decompression failed: {e.Message}", e);
        }

        if (result.Length != uncompressedSize)
        {
            throw new ParquetException($"snappy data decoded to {result.Length} bytes but the page header says {uncompressedSize}");
        }

        return result;
    }

    private static byte[] DecompressGzip(ReadOnlySpan<byte> data, int uncompressedSize)
    {
        // Grow the buffer as data actually inflates, and read at most one byte past the declared size,
        // so a lying header can neither make us allocate up front nor inflate without bound.
        var result = new byte[Math.Min(uncompressedSize, Math.Max(4096, data.Length * 8))];
        var total = 0;
        try
        {
            using var input = new MemoryStream(data.ToArray(), writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            while (total < uncompressedSize)
            {
                if (total == result.Length)
                {
                    Array.Resize(ref result, (int)Math.Min(uncompressedSize, (long)result.Length * 2));
                }

                var read = gzip.Read(result, total, result.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total == uncompressedSize && gzip.ReadByte() != -1)
            {
                throw new ParquetException($"gzip data inflates to more than the {uncompressedSize} bytes the page header says");
            }
        }
        catch (InvalidDataException e)
        {
            throw new ParquetException($"gzip decompression failed: {e.Message}", e);
        }

        if (total != uncompressedSize)
        {
            throw new ParquetException($"gzip data inflates to {total} bytes but the page header says {uncompressedSize}");
        }

        return result;
    }
}
