using Segmentation.Data.Cleaning;
using static Segmentation.Data.Tests.Rows;

namespace Segmentation.Data.Tests.Cleaning;

public sealed class TransactionCleanerTests
{
    private static readonly CleaningOptions AllOff = new()
    {
        DropMissingCustomer = false, DropDuplicates = false, ProductCodesOnly = false, DropNonPositivePrice = false, DropNonPositiveQuantity = false,
    };

    [Fact]
    public void Clean_MissingCustomer_RemovesRowsWithoutCustomerId()
    {
        var table = Table(Line("1", 42, "2011-01-01 10:00"), Line("2", null, "2011-01-01 10:00"));

        var result = TransactionCleaner.Clean(table, AllOff with { DropMissingCustomer = true });

        Assert.Equal(1, result.Report[CleaningRule.MissingCustomer].RowsRemoved);
        Assert.Equal(42, Assert.Single(Enumerable.Range(0, result.Table.RowCount).Select(result.Table.CustomerId)));
    }

    [Fact]
    public void Clean_Duplicates_KeepsFirstOfRowsEqualOnAllEightFields()
    {
        var row = Line("1", 42, "2011-01-01 10:00", 2, 1.25m);
        var table = Table(row, row, row with { Description = null }, row with { Description = null }, row with { Quantity = 3 }, row with { Country = "France" });

        var result = TransactionCleaner.Clean(table, AllOff with { DropDuplicates = true });

        Assert.Equal(2, result.Report[CleaningRule.Duplicates].RowsRemoved);
        Assert.Equal(4, result.Table.RowCount);
    }

    [Fact]
    public void Clean_NonProductCodes_KeepsOnlyCodesMatchingPattern()
    {
        var table = Table(
            Line("1", 42, "2011-01-01 10:00", stock: "85123A"), Line("1", 42, "2011-01-01 10:00", stock: "POST"),
            Line("1", 42, "2011-01-01 10:00", stock: "C2"), Line("1", 42, "2011-01-01 10:00", stock: "BANK CHARGES"),
            Line("1", 42, "2011-01-01 10:00", stock: "22633"), Line("1", 42, "2011-01-01 10:00", stock: "DOT"));

        var result = TransactionCleaner.Clean(table, AllOff with { ProductCodesOnly = true });

        Assert.Equal(4, result.Report[CleaningRule.NonProductCodes].RowsRemoved);
        Assert.Equal(["85123A", "22633"], Enumerable.Range(0, result.Table.RowCount).Select(r => result.Table.StockCode[r]));
    }

    [Fact]
    public void Clean_CustomStockCodePattern_IsUsed()
    {
        var table = Table(Line("1", 42, "2011-01-01 10:00", stock: "AB1"), Line("1", 42, "2011-01-01 10:00", stock: "10001"));

        var result = TransactionCleaner.Clean(table, AllOff with { ProductCodesOnly = true, StockCodePattern = "^[A-Z]{2}" });

        Assert.Equal("AB1", result.Table.StockCode[0]);
        Assert.Equal(1, result.Table.RowCount);
    }

    [Fact]
    public void Clean_NonPositivePrice_RemovesZeroAndNegativePrices()
    {
        var table = Table(Line("1", 42, "2011-01-01 10:00", price: 0m), Line("1", 42, "2011-01-01 10:00", price: -11062.06m), Line("1", 42, "2011-01-01 10:00", price: 0.001m));

        var result = TransactionCleaner.Clean(table, AllOff with { DropNonPositivePrice = true });

        Assert.Equal(2, result.Report[CleaningRule.NonPositivePrice].RowsRemoved);
        Assert.Equal(0.001m, result.Table.UnitPrice(0));
    }

    [Fact]
    public void Clean_NonPositiveQuantity_KeepsCancellationsAsReturns()
    {
        var table = Table(
            Line("C1", 42, "2011-01-01 10:00", -3), Line("2", 42, "2011-01-01 10:00", -3), Line("3", 42, "2011-01-01 10:00", 0), Line("4", 42, "2011-01-01 10:00", 5));

        var result = TransactionCleaner.Clean(table, AllOff with { DropNonPositiveQuantity = true });

        Assert.Equal(2, result.Report[CleaningRule.NonPositiveQuantity].RowsRemoved);
        Assert.Equal(["C1", "4"], Enumerable.Range(0, result.Table.RowCount).Select(r => result.Table.Invoice[r]));
    }

    [Fact]
    public void Clean_RulesRunInOrder_EachRowCountedUnderTheFirstRuleThatRemovesIt()
    {
        // A duplicated row without customer id and with a POST code: rule 1 removes both copies, rules 2 and 3 see none.
        var orphan = Line("1", null, "2011-01-01 10:00", stock: "POST");
        var dup = Line("2", 42, "2011-01-01 10:00", price: 0m, stock: "POST");
        var table = Table(orphan, orphan, dup, dup, Line("3", 42, "2011-01-01 10:00"));

        var result = TransactionCleaner.Clean(table, new CleaningOptions());

        Assert.Equal([2L, 1, 1, 0, 0], result.Report.Rules.Select(r => r.RowsRemoved));
        Assert.Equal(Enum.GetValues<CleaningRule>(), result.Report.Rules.Select(r => r.Rule));
        Assert.Equal(5, result.Report.RowsIn);
        Assert.Equal(1, result.Report.RowsOut);
    }

    [Fact]
    public void Clean_RuleSwitchedOff_ReportsDisabledAndRemovesNothing()
    {
        var table = Table(Line("1", null, "2011-01-01 10:00"));

        var result = TransactionCleaner.Clean(table, new CleaningOptions { DropMissingCustomer = false });

        Assert.False(result.Report[CleaningRule.MissingCustomer].Enabled);
        Assert.Equal(1, result.Table.RowCount);
    }
}
