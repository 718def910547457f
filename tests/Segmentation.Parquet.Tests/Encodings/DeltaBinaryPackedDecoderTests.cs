using Segmentation.Parquet.Encodings;

namespace Segmentation.Parquet.Tests.Encodings;

public class DeltaBinaryPackedDecoderTests
{
    [Fact]
    public void Decode_SpecificationExample_YieldsOneToFive()
    {
        // Block size 128, 4 miniblocks, 5 values, first value 1, min delta 1, all miniblock widths 0.
        byte[] data = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00];

        var values = DeltaBinaryPackedDecoder.Decode(data, 5, out var consumed);

        Assert.Equal([1L, 2, 3, 4, 5], values);
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void Decode_RandomSequences_RoundTrip()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var count = random.Next(0, 700);
            var scale = random.Next(4) switch { 0 => 3L, 1 => 1000L, 2 => 1L << 40, _ => long.MaxValue };
            var values = Enumerable.Range(0, count).Select(_ => random.NextInt64(-scale, scale)).ToArray();
            var encoded = DeltaTestEncoder.Encode(values);

            var decoded = DeltaBinaryPackedDecoder.Decode(encoded, count, out var consumed);

            Assert.Equal(values, decoded);
            Assert.Equal(encoded.Length, consumed);
        }
    }

    [Fact]
    public void Decode_CountDifferentFromHeader_ThrowsParquetException()
    {
        var encoded = DeltaTestEncoder.Encode([1, 2, 3]);

        var error = Assert.Throws<ParquetException>(() => DeltaBinaryPackedDecoder.Decode(encoded, 4, out _));

        Assert.Contains("holds 3 values but 4 were expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Truncated_ThrowsParquetException()
    {
        var encoded = DeltaTestEncoder.Encode(Enumerable.Range(0, 300).Select(i => (long)i * i).ToArray());

        Assert.Throws<ParquetException>(() => DeltaBinaryPackedDecoder.Decode(encoded.AsSpan(0, encoded.Length / 2), 300, out _));
    }
}
