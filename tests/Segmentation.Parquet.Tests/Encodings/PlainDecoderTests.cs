using System.Buffers.Binary;
using Segmentation.Parquet.Encodings;

namespace Segmentation.Parquet.Tests.Encodings;

public class PlainDecoderTests
{
    [Fact]
    public void DecodeInt96_JulianDayAndNanos_GiveMicrosSinceEpoch()
    {
        // 2000-01-01 is Julian day 2,451,545; 12:00:00.000001 is 43,200,000,001,000 ns into the day.
        var data = new byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(data, 43_200_000_001_000);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(8), 2_451_545);

        var micros = PlainDecoder.DecodeInt96(data, 1);

        var expected = (new DateTime(2000, 1, 1, 12, 0, 0).Ticks - DateTime.UnixEpoch.Ticks) / 10 + 1;
        Assert.Equal([expected], micros);
    }

    [Fact]
    public void DecodeByteArray_LengthBeyondPage_ThrowsParquetException()
    {
        byte[] data = [0x10, 0, 0, 0, 0x41, 0x42, 0, 0];

        var error = Assert.Throws<ParquetException>(() => PlainDecoder.DecodeByteArray(data, 2, b => b.ToArray()));

        Assert.Contains("length 16 exceeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeFixed_CountBeyondPage_ThrowsBeforeAllocating()
    {
        var error = Assert.Throws<ParquetException>(() => PlainDecoder.DecodeFixed<long>(new byte[16], int.MaxValue));

        Assert.Contains("need", error.Message, StringComparison.Ordinal);
    }
}
