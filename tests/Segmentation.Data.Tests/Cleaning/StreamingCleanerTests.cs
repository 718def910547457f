using Segmentation.Data.Cleaning;

namespace Segmentation.Data.Tests.Cleaning;

public sealed class StreamingCleanerTests
{
    private static readonly DateTime Time = new(2011, 3, 4, 10, 30, 0);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Add_RowsOfCodesAlreadySeen_AllocateNothingPerRow(bool cancellations)
    {
        // Once a row's invoice and stock code have been tested, a row with the same codes costs no allocation: the rules'
        // per-value tests are delegates made once, not method groups turned into a new delegate on every row (which cost
        // 64 bytes per test per row, ~50 MB on the shipped file). The duplicate rule is off so that its table, which grows
        // with distinct rows, does not count; the customer's state already holds the one month, day and product.
        var cleaner = new StreamingCleaner(new CleaningOptions { DropDuplicates = false });
        var invoice = cleaner.Invoices.Intern(cancellations ? "C536379" : "536365");
        var stockCode = cleaner.StockCodes.Intern("85123A");
        var description = cleaner.Descriptions.Intern("WHITE HANGING HEART T-LIGHT HOLDER");
        var country = cleaner.Countries.Intern("United Kingdom");
        var quantity = cancellations ? -1 : 1;
        AddRows(cleaner, invoice, stockCode, description, quantity, country, rows: 100);

        const int Rows = 20_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        AddRows(cleaner, invoice, stockCode, description, quantity, country, Rows);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(100 + Rows, cleaner.Customers.Rows);
        // Far below one 64-byte delegate per row (1.28 MB here), with room for a runtime's incidental allocation.
        Assert.True(allocated < 4_096, $"{allocated:N0} bytes allocated for {Rows:N0} rows of codes already seen");
    }

    private static void AddRows(StreamingCleaner cleaner, int invoice, int stockCode, int description, int quantity, int country, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            cleaner.Add(invoice, stockCode, description, quantity, Time, 2_550, 17_850, country);
        }
    }
}
