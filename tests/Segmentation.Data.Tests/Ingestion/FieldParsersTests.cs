using System.Text;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Tests.Ingestion;

public sealed class FieldParsersTests
{
    [Theory]
    [InlineData("2.55", 2550)]
    [InlineData("38970", 38970000)]
    [InlineData("0.001", 1)]
    [InlineData("-11062.06", -11062060)]
    [InlineData("1.5000", 1500)]
    [InlineData(".5", 500)]
    public void TryParsePriceMilli_PlainDecimal_IsExactThousandths(string text, long expected)
    {
        Assert.Equal(PriceParseResult.Ok, FieldParsers.TryParsePriceMilli(Encoding.UTF8.GetBytes(text), out var milli));
        Assert.Equal(expected, milli);
    }

    [Theory]
    [InlineData("1.0001", PriceParseResult.TooManyDecimals)]
    [InlineData("1e3", PriceParseResult.Invalid)]
    [InlineData("", PriceParseResult.Invalid)]
    [InlineData("-", PriceParseResult.Invalid)]
    [InlineData("1,5", PriceParseResult.Invalid)]
    public void TryParsePriceMilli_NotExact_Rejects(string text, PriceParseResult expected) =>
        Assert.Equal(expected, FieldParsers.TryParsePriceMilli(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("2010-12-01T08:26:00", 2010, 12, 1, 8, 26, 0)]
    [InlineData("2010-12-01 08:26:05", 2010, 12, 1, 8, 26, 5)]
    [InlineData("2010-12-01T08:26", 2010, 12, 1, 8, 26, 0)]
    [InlineData("2010-12-01", 2010, 12, 1, 0, 0, 0)]
    [InlineData("12/1/2010 8:26", 2010, 12, 1, 8, 26, 0)]
    [InlineData("1/31/2011 17:05:09", 2011, 1, 31, 17, 5, 9)]
    public void TryParseTimestamp_SupportedForms_Parse(string text, int y, int mo, int d, int h, int mi, int s)
    {
        Assert.True(FieldParsers.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s), value);
    }

    [Theory]
    [InlineData("2011-02-29T10:00:00")]
    [InlineData("2011-01-01T24:00:00")]
    [InlineData("2011-01-01T10:00:00Z")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void TryParseTimestamp_Invalid_Rejects(string text) =>
        Assert.False(FieldParsers.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("17850", true, 17850)]
    [InlineData("17850.0", true, 17850)]
    [InlineData("17850.5", false, 0)]
    [InlineData("abc", false, 0)]
    public void TryParseId_IntegerOrFloatExport_Parses(string text, bool ok, long expected)
    {
        Assert.Equal(ok, FieldParsers.TryParseId(Encoding.UTF8.GetBytes(text), out var value));
        if (ok)
        {
            Assert.Equal(expected, value);
        }
    }
}
