using Segmentation.Data.Ingestion;
using Segmentation.Data.Products;

namespace Segmentation.Data.Tests.Products;

public sealed class SegmentProductsCsvTests
{
    [Fact]
    public void Write_Read_RoundTripsQuotedDescriptions()
    {
        SegmentProduct[] rows =
        [
            new(0, "85123A", "HEART, \"WHITE\"\nHOLDER", 12, 40, 30, 100, 1),
            new(-1, "10002", null, 3, 5, 9, 100, 2),
        ];

        var text = SegmentProductsCsv.Write(rows);
        var read = SegmentProductsCsv.Read(text, "segment_products.csv");

        Assert.StartsWith("segment,stock_code,description,segment_customers_with_product,segment_customers,all_customers_with_product,all_customers,lift,rank\n", text, StringComparison.Ordinal);
        Assert.Contains("0,85123A,\"HEART, \"\"WHITE\"\"\nHOLDER\",12,40,30,100,1.000000,1\n", text, StringComparison.Ordinal);
        Assert.Equal(rows, read);
    }

    [Fact]
    public void Read_OtherHeader_ThrowsDataFormatException()
    {
        var ex = Assert.Throws<DataFormatException>(() => SegmentProductsCsv.Read("segment,lift\n0,1\n", "segment_products.csv"));

        Assert.Contains("header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonIntegerCount_ThrowsNamingTheColumn()
    {
        var text = string.Join(',', SegmentProductsCsv.Columns) + "\n0,1,,x,4,3,10,1.0,1\n";

        var ex = Assert.Throws<DataFormatException>(() => SegmentProductsCsv.Read(text, "segment_products.csv"));

        Assert.Contains("segment_customers_with_product", ex.Message, StringComparison.Ordinal);
    }
}
