using Segmentation.Parquet.Format;
using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Tests.Format;

public class SchemaMappingTests
{
    [Theory]
    [InlineData((int)PhysicalType.ByteArray, (int)ConvertedType.Utf8, ParquetType.String)]
    [InlineData((int)PhysicalType.ByteArray, (int)ConvertedType.Enum, ParquetType.String)]
    [InlineData((int)PhysicalType.ByteArray, (int)ConvertedType.Json, ParquetType.String)]
    [InlineData((int)PhysicalType.Int32, (int)ConvertedType.Date, ParquetType.Date)]
    [InlineData((int)PhysicalType.Int32, (int)ConvertedType.Int16, ParquetType.Int32)]
    [InlineData((int)PhysicalType.Int64, (int)ConvertedType.TimestampMicros, ParquetType.TimestampMicros)]
    [InlineData((int)PhysicalType.Int64, (int)ConvertedType.TimestampMillis, ParquetType.TimestampMicros)]
    [InlineData((int)PhysicalType.Int64, (int)ConvertedType.Int64, ParquetType.Int64)]
    public void ToDescriptor_LegacyConvertedTypeOnly_MapsToType(int physicalCode, int convertedCode, ParquetType expected)
    {
        var (physical, converted) = ((PhysicalType)physicalCode, (ConvertedType)convertedCode);
        var element = new SchemaElement { Name = "c", Type = physical, ConvertedType = converted, RepetitionType = Repetition.Optional };

        var descriptor = SchemaMapping.ToDescriptor(element, 0);

        Assert.Equal(new ParquetField("c", expected, true), descriptor.Field);
        Assert.Equal(converted == ConvertedType.TimestampMillis ? 1000 : 1, descriptor.TimestampMultiplier);
    }

    [Fact]
    public void ToDescriptor_Int96_IsTimestamp()
    {
        var descriptor = SchemaMapping.ToDescriptor(new SchemaElement { Name = "t", Type = PhysicalType.Int96, RepetitionType = Repetition.Required }, 0);

        Assert.Equal(new ParquetField("t", ParquetType.TimestampMicros, false), descriptor.Field);
    }

    [Fact]
    public void ToDescriptor_TimestampNanos_DividesToMicros()
    {
        var element = new SchemaElement { Name = "t", Type = PhysicalType.Int64, LogicalType = LogicalTypeKind.Timestamp, TimestampUnit = TimeUnit.Nanos };

        var descriptor = SchemaMapping.ToDescriptor(element, 0);

        Assert.Equal((1L, 1000L), (descriptor.TimestampMultiplier, descriptor.TimestampDivisor));
    }

    [Theory]
    [InlineData((int)PhysicalType.Int32, (int)ConvertedType.Decimal, "DECIMAL")]
    [InlineData((int)PhysicalType.Int32, (int)ConvertedType.TimeMillis, "TIME")]
    [InlineData((int)PhysicalType.Int64, (int)ConvertedType.Uint64, "unsigned")]
    public void ToDescriptor_TypeOutsideLibrary_IsUnsupportedNamingColumn(int physicalCode, int convertedCode, string what)
    {
        var (physical, converted) = ((PhysicalType)physicalCode, (ConvertedType)convertedCode);
        var element = new SchemaElement { Name = "x", Type = physical, ConvertedType = converted };

        var error = Assert.Throws<ParquetException>(() => SchemaMapping.ToDescriptor(element, 3));

        Assert.StartsWith("unsupported: column 'x' (column 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToElement_Timestamp_WritesLogicalTypeWithoutUtcConvertedType()
    {
        var element = SchemaMapping.ToElement(new ParquetField("t", ParquetType.TimestampMicros, false));

        Assert.Equal((LogicalTypeKind.Timestamp, TimeUnit.Micros, false, (ConvertedType?)null), (element.LogicalType, element.TimestampUnit, element.TimestampAdjustedToUtc, element.ConvertedType));
    }
}
