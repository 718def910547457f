using Segmentation.Parquet.Encodings;

namespace Segmentation.Parquet.Tests.Encodings;

public class RleHybridEncoderTests
{
    [Fact]
    public void Encode_ZeroToSevenAtWidthThree_MatchesSpecificationBitPacking()
    {
        var buffer = new ByteBuffer();

        RleHybridEncoder.Encode([0, 1, 2, 3, 4, 5, 6, 7], 3, buffer);

        // One bit-packed group (header (1 << 1) | 1), then the specification's 10001000 11000110 11111010.
        Assert.Equal([0x03, 0x88, 0xC6, 0xFA], buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_LongRun_UsesRleRun()
    {
        var buffer = new ByteBuffer();

        RleHybridEncoder.Encode(Enumerable.Repeat(5, 50).ToArray(), 3, buffer);

        Assert.Equal([50 << 1, 5], buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(31)]
    public void Decode_RandomRunsAndNoise_RoundTrip(int bitWidth)
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            var max = bitWidth == 0 ? 0 : (int)Math.Min(int.MaxValue, (1L << bitWidth) - 1);
            var values = new List<int>();
            while (values.Count < 1000)
            {
                var value = max == 0 ? 0 : random.Next(max) + (random.Next(2) * (max == int.MaxValue ? 0 : 1));
                values.AddRange(Enumerable.Repeat(value, random.Next(3) == 0 ? random.Next(1, 40) : 1));
            }

            var input = values.ToArray();
            var buffer = new ByteBuffer();
            RleHybridEncoder.Encode(input, bitWidth, buffer);
            var output = new int[input.Length];

            RleHybridDecoder.CheckCount(buffer.WrittenSpan, bitWidth, input.Length);
            var consumed = RleHybridDecoder.Decode(buffer.WrittenSpan, bitWidth, output);

            Assert.Equal(input, output);
            Assert.Equal(buffer.Length, consumed);
        }
    }

    [Fact]
    public void CheckCount_DataTooShortForCount_ThrowsParquetException()
    {
        var buffer = new ByteBuffer();
        RleHybridEncoder.Encode([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 1, buffer);

        var error = Assert.Throws<ParquetException>(() => RleHybridDecoder.CheckCount(buffer.WrittenSpan, 1, 1_000_000));

        Assert.Contains("holds only 10 of the 1000000 values", error.Message, StringComparison.Ordinal);
    }
}
