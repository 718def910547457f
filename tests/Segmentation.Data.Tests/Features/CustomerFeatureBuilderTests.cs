using Segmentation.Data.Configuration;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using static Segmentation.Data.Tests.Rows;

namespace Segmentation.Data.Tests.Features;

public sealed class CustomerFeatureBuilderTests
{
    private static CustomerFeatureResult Build(FeatureOptions? options, params TransactionRow[] rows) =>
        CustomerFeatureBuilder.Build(Table(rows), options ?? new FeatureOptions(), i => i.StartsWith('C'));

    private static double Feature(CustomerFeatureResult result, long customer, string feature) =>
        result.Table.Column(feature)[Array.IndexOf(result.Table.CustomerIds, customer)];

    [Fact]
    public void Build_OnePurchaseOnly_CoreAndBehaviourFeatures()
    {
        var result = Build(
            null,
            Line("100", 1, "2011-03-15 10:30", 2, 1.5m, stock: "10001"),
            Line("100", 1, "2011-03-15 10:30", 1, 4m, stock: "10002"),
            Line("101", 2, "2011-03-31 12:00"));

        Assert.Equal(new DateOnly(2011, 4, 1), result.ReferenceDate);
        Assert.Equal(17, Feature(result, 1, FeatureCatalog.RecencyDays));
        Assert.Equal(1, Feature(result, 1, FeatureCatalog.Frequency));
        Assert.Equal(7, Feature(result, 1, FeatureCatalog.Monetary));
        Assert.Equal(17, Feature(result, 1, FeatureCatalog.TenureDays));
        Assert.Equal(7, Feature(result, 1, FeatureCatalog.AvgOrderValue));
        Assert.Equal(3, Feature(result, 1, FeatureCatalog.TotalItems));
        Assert.Equal(2, Feature(result, 1, FeatureCatalog.UniqueProducts));
        Assert.Equal(0, Feature(result, 1, FeatureCatalog.AvgDaysBetweenPurchases));
        Assert.Equal(0, Feature(result, 1, FeatureCatalog.ReturnRate));
        Assert.Equal(0, Feature(result, 1, FeatureCatalog.CancellationCount));
        Assert.Equal(7, Feature(result, 1, FeatureCatalog.MonthlySpendMean));
        Assert.Equal(0, Feature(result, 1, FeatureCatalog.MonthlySpendStd));
        Assert.Equal(0, Feature(result, 1, FeatureCatalog.SpendTrend));
        Assert.Equal(1, Feature(result, 1, FeatureCatalog.IsUk));
        // 2011-03-15 is a Tuesday (w = 1); the invoice is at 10:30 (h = 10).
        Assert.Equal(Math.Sin(2 * Math.PI / 7), Feature(result, 1, FeatureCatalog.WeekdaySin), 12);
        Assert.Equal(Math.Cos(2 * Math.PI / 7), Feature(result, 1, FeatureCatalog.WeekdayCos), 12);
        Assert.Equal(Math.Sin(2 * Math.PI * 10 / 24), Feature(result, 1, FeatureCatalog.HourSin), 12);
        Assert.Equal(Math.Cos(2 * Math.PI * 10 / 24), Feature(result, 1, FeatureCatalog.HourCos), 12);
    }

    [Fact]
    public void Build_OnlyReturns_CustomerDroppedAsNoPurchase()
    {
        var result = Build(null, Line("C1", 3, "2011-01-01 10:00", -2), Line("2", 4, "2011-01-02 10:00"));

        Assert.Equal([4L], result.Table.CustomerIds);
        Assert.Equal(1, result.Drops.NoPurchase);
        Assert.Equal(2, result.Drops.CustomersSeen);
        Assert.Equal(1, result.Drops.Kept);
    }

    [Fact]
    public void Build_SeveralInvoicesOnOneDay_GapsAreBetweenDistinctDays()
    {
        // Regression (seed project bug): gaps were taken between line items, giving (0 + 0 + 10) / 3 instead of 10.
        var result = Build(
            null,
            Line("A", 4, "2011-01-10 09:00"), Line("A", 4, "2011-01-10 09:00", stock: "10002"),
            Line("B", 4, "2011-01-10 15:00"), Line("E", 4, "2011-01-10 15:40"), Line("D", 4, "2011-01-20 10:00"));

        Assert.Equal(10, Feature(result, 4, FeatureCatalog.AvgDaysBetweenPurchases));
        Assert.Equal(4, Feature(result, 4, FeatureCatalog.Frequency));
        // Preferred hour counts invoices, not lines: 15h has two invoices (B, E), 9h one invoice with two lines.
        Assert.Equal(Math.Sin(2 * Math.PI * 15 / 24), Feature(result, 4, FeatureCatalog.HourSin), 12);
    }

    [Fact]
    public void Build_ReturnsLargerThanPurchases_RateAboveOneOrCustomerDropped()
    {
        var result = Build(
            null,
            Line("500", 5, "2011-02-01 10:00", 10, 5m), Line("C500", 5, "2011-02-10 10:00", -12, 1m),
            Line("600", 6, "2011-02-01 10:00", 1, 5m), Line("C600", 6, "2011-02-10 10:00", -2, 5m));

        Assert.Equal(38, Feature(result, 5, FeatureCatalog.Monetary));
        Assert.Equal(1.2, Feature(result, 5, FeatureCatalog.ReturnRate), 12);
        Assert.Equal(1, Feature(result, 5, FeatureCatalog.CancellationCount));
        Assert.Equal(10, Feature(result, 5, FeatureCatalog.TotalItems));
        Assert.Equal(38, Feature(result, 5, FeatureCatalog.AvgOrderValue));
        Assert.DoesNotContain(6L, result.Table.CustomerIds);
        Assert.Equal(1, result.Drops.NonPositiveMonetary);
    }

    [Fact]
    public void Build_ReturnsCancelPurchasesExactly_MonetaryIsZeroAndCustomerDropped()
    {
        // In doubles 0.1 + 0.2 - 0.3 is 5.6e-17 > 0 and the customer would be kept.
        var result = Build(
            null,
            Line("1", 7, "2011-01-01 10:00", 1, 0.1m), Line("1", 7, "2011-01-01 10:00", 1, 0.2m, stock: "10002"),
            Line("C1", 7, "2011-01-02 10:00", -1, 0.3m), Line("2", 8, "2011-01-02 10:00"));

        Assert.DoesNotContain(7L, result.Table.CustomerIds);
        Assert.Equal(1, result.Drops.NonPositiveMonetary);
    }

    [Fact]
    public void Build_CustomerDroppedBeforeOthers_RatesStayWithTheirOwnCustomers()
    {
        // Regression (seed project bug): per-customer rates merged by position after a customer had been dropped
        // landed on the next customer.
        var result = Build(
            null,
            Line("C10", 10, "2011-01-01 10:00", -1),
            Line("11", 11, "2011-01-01 10:00", 4), Line("C11", 11, "2011-01-02 10:00", -2),
            Line("12", 12, "2011-01-01 10:00", 4));

        Assert.Equal([11L, 12L], result.Table.CustomerIds);
        Assert.Equal(0.5, Feature(result, 11, FeatureCatalog.ReturnRate));
        Assert.Equal(0, Feature(result, 12, FeatureCatalog.ReturnRate));
    }

    [Fact]
    public void Build_MonthlySpend_CountsEmptyMonthsAndUsesPopulationStdAndSlope()
    {
        var options = new FeatureOptions { ReferenceDate = new DateOnly(2011, 4, 1) };
        var result = Build(options, Line("1", 20, "2011-01-15 10:00", 1, 10m), Line("2", 20, "2011-03-10 10:00", 2, 20m));

        // Months January..March: spends 10, 0, 40.
        Assert.Equal(50 / 3.0, Feature(result, 20, FeatureCatalog.MonthlySpendMean), 12);
        Assert.Equal(Math.Sqrt(((100 / 9.0) * 4 + (2500 / 9.0) + (4900 / 9.0)) / 3), Feature(result, 20, FeatureCatalog.MonthlySpendStd), 9);
        Assert.Equal(15, Feature(result, 20, FeatureCatalog.SpendTrend), 12);
        Assert.Equal(22, Feature(result, 20, FeatureCatalog.RecencyDays));
        Assert.Equal(76, Feature(result, 20, FeatureCatalog.TenureDays));
        Assert.Equal(54, Feature(result, 20, FeatureCatalog.AvgDaysBetweenPurchases));
        Assert.Equal(25, Feature(result, 20, FeatureCatalog.AvgOrderValue));
    }

    [Fact]
    public void Build_MainCountry_IsTheCountryOnMostRowsTiesAlphabetical()
    {
        var result = Build(
            null,
            Line("1", 30, "2011-01-01 10:00", country: "France"), Line("1", 30, "2011-01-01 10:00", stock: "10002", country: "France"),
            Line("2", 30, "2011-01-01 11:00"),
            Line("3", 31, "2011-01-01 10:00"), Line("3", 31, "2011-01-01 10:00", stock: "10002", country: "United Kingdom"),
            Line("4", 32, "2011-01-01 10:00", country: "Wales"), Line("5", 32, "2011-01-01 10:00"));

        Assert.Equal(0, Feature(result, 30, FeatureCatalog.IsUk));
        Assert.Equal(1, Feature(result, 31, FeatureCatalog.IsUk));
        Assert.Equal(1, Feature(result, 32, FeatureCatalog.IsUk));
    }

    [Fact]
    public void Build_ReferenceDateNotAfterLatestTransaction_Throws()
    {
        var options = new FeatureOptions { ReferenceDate = new DateOnly(2011, 1, 1) };

        var ex = Assert.Throws<ConfigException>(() => Build(options, Line("1", 1, "2011-01-01 10:00")));

        Assert.Contains("features.reference_date 2011-01-01 must be after the latest cleaned transaction (2011-01-01)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rows_OrderedByCustomerIdWithEveryCatalogueFeature()
    {
        var result = Build(null, Line("1", 9, "2011-01-01 10:00"), Line("2", 3, "2011-01-01 10:00"), Line("3", 5, "2011-01-01 10:00"));

        Assert.Equal([3L, 5L, 9L], result.Table.CustomerIds);
        Assert.Equal(FeatureCatalog.Names, result.Table.FeatureNames);
    }

    [Fact]
    public void Build_NoRows_SaysNothingLeftAfterCleaning()
    {
        var ex = Assert.Throws<DataFormatException>(() => Build(null));

        Assert.Contains("no transactions are left after cleaning", ex.Message, StringComparison.Ordinal);
    }
}
