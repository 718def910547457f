using Segmentation.Parquet.Columns;
using Segmentation.Parquet.Schema;

namespace Segmentation.Parquet.Tests.Columns;

public class ParquetColumnDataTests
{
    [Fact]
    public void FromTimestamp_NullableValues_KeepsNullsAndMicroseconds()
    {
        var column = ParquetColumnData.FromTimestamp([new DateTime(2011, 12, 9, 12, 50, 0, 123), null]);

        Assert.Equal(ParquetType.TimestampMicros, column.Type);
        Assert.Equal(1, column.NullCount);
        Assert.Equal(new DateTime(2011, 12, 9, 12, 50, 0, 123), column.GetValue(0));
        Assert.Null(column.GetValue(1));
    }

    [Fact]
    public void FromDate_BeforeEpoch_RoundTripsThroughDays()
    {
        var column = ParquetColumnData.FromDate([new DateOnly(1969, 12, 31), new DateOnly(2024, 2, 29)]);

        Assert.Equal([-1, 19782], column.AsDateDays());
        Assert.Equal([new DateOnly(1969, 12, 31), new DateOnly(2024, 2, 29)], column.AsDates());
    }

    [Fact]
    public void ToMicros_SubMicrosecondBeforeEpoch_RoundsDown()
    {
        Assert.Equal(-1, ParquetTime.ToMicros(DateTime.UnixEpoch.AddTicks(-1)));
        Assert.Equal(0, ParquetTime.ToMicros(DateTime.UnixEpoch.AddTicks(9)));
    }

    [Fact]
    public void Slice_Range_CopiesValuesAndNulls()
    {
        var column = ParquetColumnData.FromInt32([1, 2, 3, 4], [false, true, false, false]);

        var slice = column.Slice(1, 2);

        Assert.Equal(3, slice.AsInt32()[1]);
        Assert.True(slice.IsNull(0));
        Assert.Equal(1, slice.NullCount);
    }

    [Fact]
    public void AsInt64_OnStringColumn_ThrowsInvalidOperationNamingTypes()
    {
        var column = ParquetColumnData.FromString(["a"]);

        var error = Assert.Throws<InvalidOperationException>(column.AsInt64);

        Assert.Equal("the column holds String values, not Int64", error.Message);
    }

    [Fact]
    public void FromInt32_MaskOfWrongLength_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ParquetColumnData.FromInt32([1, 2], [true]));
    }
}
