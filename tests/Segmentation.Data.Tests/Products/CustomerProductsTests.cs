using Segmentation.Data.Cleaning;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Products;
using static Segmentation.Data.Tests.Rows;

namespace Segmentation.Data.Tests.Products;

public sealed class CustomerProductsTests
{
    private static readonly Func<string, bool> IsCancellation = new CleaningOptions().IsCancellation;

    [Fact]
    public void FromCleaned_ReturnsCancellationsAndMissingCustomers_AreNotPurchases()
    {
        var table = Table(
            Line("1", 7, "2011-01-01", stock: "10001"),
            Line("C2", 7, "2011-01-02", quantity: -1, stock: "10002"),
            Line("C3", 7, "2011-01-02", quantity: 1, stock: "10003"),
            Line("4", 7, "2011-01-03", quantity: 0, stock: "10004"),
            Line("5", null, "2011-01-03", stock: "10005"));

        var products = CustomerProducts.FromCleaned(table, IsCancellation);

        Assert.Equal(["10001"], products.StockCodes);
        Assert.Equal([7L], products.Customers);
    }

    [Fact]
    public void FromCleaned_RepeatedPurchases_OnePairEachSortedByCustomerThenCode()
    {
        var table = Table(
            Line("1", 9, "2011-01-01", stock: "10002"),
            Line("2", 9, "2011-01-02", stock: "10002"),
            Line("3", 9, "2011-01-02", stock: "10001"),
            Line("4", 3, "2011-01-03", stock: "10002"));

        var products = CustomerProducts.FromCleaned(table, IsCancellation);

        Assert.Equal(["10001", "10002"], products.StockCodes);
        Assert.Equal([3L, 9L, 9L], products.Customers);
        Assert.Equal([1, 0, 1], products.Products);
    }

    [Fact]
    public void FromCleaned_SeveralDescriptions_MostFrequentThenOrdinalFirstWins()
    {
        var table = Table(
            Line("1", 1, "2011-01-01", stock: "10001", description: "B MUG"),
            Line("2", 2, "2011-01-01", stock: "10001", description: "A MUG"),
            Line("3", 3, "2011-01-01", stock: "10001", description: "B MUG"),
            Line("4", 1, "2011-01-01", stock: "10002", description: "Z"),
            Line("5", 2, "2011-01-01", stock: "10002", description: "Y"),
            Line("6", 3, "2011-01-01", stock: "10003", description: null));

        var products = CustomerProducts.FromCleaned(table, IsCancellation);

        Assert.Equal(["B MUG", "Y", null], products.Descriptions);
    }

    [Fact]
    public void WriteJson_ReadJson_RoundTrips()
    {
        var products = CustomerProducts.FromCleaned(
            Table(Line("1", 5, "2011-01-01", stock: "10001", description: "MUG, \"RED\""), Line("2", 6, "2011-01-01", stock: "10002", description: null)),
            IsCancellation);
        using var stream = new MemoryStream();

        products.WriteJson(stream);
        stream.Position = 0;
        var read = CustomerProducts.ReadJson(stream, "p.json");

        Assert.Equal(products.StockCodes, read.StockCodes);
        Assert.Equal(products.Descriptions, read.Descriptions);
        Assert.Equal(products.Customers, read.Customers);
        Assert.Equal(products.Products, read.Products);
    }

    [Fact]
    public void ReadJson_ProductIndexOutOfRange_ThrowsDataFormatException()
    {
        using var stream = new MemoryStream("""{"format_version":1,"stock_codes":["1"],"descriptions":[null],"customers":[1],"products":[3]}"""u8.ToArray());

        var ex = Assert.Throws<DataFormatException>(() => CustomerProducts.ReadJson(stream, "p.json"));

        Assert.Contains("p.json", ex.Message, StringComparison.Ordinal);
    }
}
