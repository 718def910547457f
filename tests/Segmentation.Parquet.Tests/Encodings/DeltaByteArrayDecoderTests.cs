using System.Text;
using Segmentation.Parquet.Encodings;

namespace Segmentation.Parquet.Tests.Encodings;

public class DeltaByteArrayDecoderTests
{
    private static readonly ByteArrayConverter<string> Text = bytes => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void DecodeDeltaByteArray_SpecificationExample_RebuildsWords()
    {
        // axis, axle, babble, babyhood: prefixes 0 2 0 3, suffixes axis le babble yhood.
        var data = DeltaTestEncoder.Encode([0, 2, 0, 3])
            .Concat(DeltaTestEncoder.Encode([4, 2, 6, 5]))
            .Concat("axislebabbleyhood"u8.ToArray())
            .ToArray();

        var words = DeltaByteArrayDecoder.DecodeDeltaByteArray(data, 4, Text);

        Assert.Equal(["axis", "axle", "babble", "babyhood"], words);
    }

    [Fact]
    public void DecodeDeltaByteArray_PrefixLongerThanPreviousValue_ThrowsParquetException()
    {
        var data = DeltaTestEncoder.Encode([0, 9]).Concat(DeltaTestEncoder.Encode([1, 1])).Concat("ab"u8.ToArray()).ToArray();

        var error = Assert.Throws<ParquetException>(() => DeltaByteArrayDecoder.DecodeDeltaByteArray(data, 2, Text));

        Assert.Contains("prefix length 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeDeltaLength_LengthsThenBytes_SplitsValues()
    {
        var data = DeltaTestEncoder.Encode([5, 0, 5]).Concat("HelloWorld"u8.ToArray()).ToArray();

        var values = DeltaByteArrayDecoder.DecodeDeltaLength(data, 3, Text);

        Assert.Equal(["Hello", "", "World"], values);
    }

    [Fact]
    public void DecodeDeltaLength_LengthBeyondData_ThrowsParquetException()
    {
        var data = DeltaTestEncoder.Encode([50]).Concat("short"u8.ToArray()).ToArray();

        Assert.Throws<ParquetException>(() => DeltaByteArrayDecoder.DecodeDeltaLength(data, 1, Text));
    }
}
