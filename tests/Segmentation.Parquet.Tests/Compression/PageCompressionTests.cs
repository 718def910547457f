using Segmentation.Parquet.Compression;
using Segmentation.Parquet.Format;

namespace Segmentation.Parquet.Tests.Compression;

public class PageCompressionTests
{
    private static readonly byte[] Data = Enumerable.Range(0, 5000).Select(i => (byte)(i % 13)).ToArray();

    [Theory]
    [InlineData((int)CompressionCodec.Uncompressed)]
    [InlineData((int)CompressionCodec.Snappy)]
    [InlineData((int)CompressionCodec.Gzip)]
    public void Decompress_AfterCompress_ReturnsOriginal(int codecCode)
    {
        var codec = (CompressionCodec)codecCode;
        var compressed = PageCompression.Compress(codec, Data);

        Assert.Equal(Data, PageCompression.Decompress(codec, compressed, Data.Length));
    }

    [Theory]
    [InlineData((int)CompressionCodec.Uncompressed, 4999)]
    [InlineData((int)CompressionCodec.Snappy, 5001)]
    [InlineData((int)CompressionCodec.Gzip, 4000)]
    [InlineData((int)CompressionCodec.Gzip, 6000)]
    public void Decompress_HeaderSizeThatLies_ThrowsParquetException(int codecCode, int claimed)
    {
        var codec = (CompressionCodec)codecCode;
        var compressed = PageCompression.Compress(codec, Data);

        var error = Assert.Throws<ParquetException>(() => PageCompression.Decompress(codec, compressed, claimed));

        Assert.Contains(claimed.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompress_SnappyClaimingHugeOutput_IsRejectedBeforeDecoding()
    {
        byte[] lying = [0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00];

        var error = Assert.Throws<ParquetException>(() => PageCompression.Decompress(CompressionCodec.Snappy, lying, int.MaxValue));

        Assert.Contains("cannot decode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData((int)CompressionCodec.Zstd, "ZSTD")]
    [InlineData((int)CompressionCodec.Lz4, "LZ4")]
    [InlineData((int)CompressionCodec.Brotli, "BROTLI")]
    public void Decompress_CodecWeLack_SaysUnsupported(int codecCode, string name)
    {
        var codec = (CompressionCodec)codecCode;
        var error = Assert.Throws<ParquetException>(() => PageCompression.Decompress(codec, [1, 2, 3], 3));

        Assert.StartsWith($"unsupported: compression codec {name}", error.Message, StringComparison.Ordinal);
    }
}
