using Segmentation.Parquet.Thrift;

namespace Segmentation.Parquet.Tests.Thrift;

public class CompactProtocolTests
{
    [Fact]
    public void WriteThenRead_FieldsOfEveryKind_RoundTrip()
    {
        var w = new CompactWriter();
        w.BeginStruct();
        w.WriteI32Field(1, int.MinValue);
        w.WriteI64Field(2, long.MaxValue);
        w.WriteBoolField(3, true);
        w.WriteBoolField(4, false);
        w.WriteStringField(20, "ζ long jump");
        w.WriteListField(21, CompactType.I32, 20);
        for (var i = 0; i < 20; i++)
        {
            w.WriteI64Raw(-i);
        }

        w.BeginStructField(22);
        w.WriteI32Field(1, 7);
        w.EndStruct();
        w.WriteI32Field(23, 42);
        w.EndStruct();

        var bytes = w.WrittenSpan.ToArray();
        var r = new CompactReader(bytes, 0, bytes.Length, 100, "test");
        r.BeginStruct();
        Assert.True(r.ReadFieldHeader(out var id, out _));
        Assert.Equal((1, int.MinValue), (id, r.ReadI32()));
        Assert.True(r.ReadFieldHeader(out id, out _));
        Assert.Equal((2, long.MaxValue), (id, r.ReadI64()));
        Assert.True(r.ReadFieldHeader(out id, out _));
        Assert.Equal((3, true), (id, r.ReadBool()));
        Assert.True(r.ReadFieldHeader(out id, out _));
        Assert.Equal((4, false), (id, r.ReadBool()));
        Assert.True(r.ReadFieldHeader(out id, out _));
        Assert.Equal((20, "ζ long jump"), (id, r.ReadString()));
        Assert.True(r.ReadFieldHeader(out id, out var type));
        Assert.Equal((short)21, id);
        r.Skip(type);
        Assert.True(r.ReadFieldHeader(out id, out type));
        Assert.Equal((short)22, id);
        r.Skip(type);
        Assert.True(r.ReadFieldHeader(out id, out _));
        Assert.Equal((23, 42), (id, r.ReadI32()));
        Assert.False(r.ReadFieldHeader(out _, out _));
        r.EndStruct();
        Assert.Equal(bytes.Length, r.Position);
    }

    [Fact]
    public void ReadBinary_LengthBeyondData_NamesOffset()
    {
        byte[] bytes = [0x18, 0xFF, 0x01, 0x41];
        var r = new CompactReader(bytes, 0, bytes.Length, 1000, "footer");
        r.BeginStruct();
        r.ReadFieldHeader(out _, out _);

        var error = Assert.Throws<ParquetException>(r.ReadBinary);

        Assert.Equal("corrupt footer at byte offset 1003: binary length 255 exceeds the 1 remaining bytes", error.Message);
    }

    [Fact]
    public void Skip_DeeplyNestedLists_FailsInsteadOfOverflowingTheStack()
    {
        var bytes = Enumerable.Repeat((byte)0x19, 100_000).ToArray();
        var r = new CompactReader(bytes, 0, bytes.Length, 0, "test");

        Assert.Throws<ParquetException>(() => r.Skip(CompactType.List));
    }

    [Fact]
    public void ReadVarint_Overlong_ThrowsParquetException()
    {
        var bytes = Enumerable.Repeat((byte)0xFF, 12).ToArray();
        var r = new CompactReader(bytes, 0, bytes.Length, 0, "test");

        Assert.Throws<ParquetException>(() => r.ReadI64());
    }
}
