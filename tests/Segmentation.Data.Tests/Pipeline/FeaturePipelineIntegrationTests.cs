using System.Globalization;
using System.Text.Json;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Features;
using Segmentation.Data.Pipeline;

namespace Segmentation.Data.Tests.Pipeline;

/// <summary>
/// One full run on the shipped dataset, checked against figures DuckDB computed independently
/// (bench/data/reference_figures.mjs → Fixtures/reference_figures.json).
/// </summary>
public sealed class FeaturePipelineIntegrationTests
{
    private static readonly Lazy<FeatureBuildResult> Result = new(() =>
        FeaturePipeline.Run(new DataOptions(), RepositoryPaths.Root, CancellationToken.None));

    private static JsonElement Figures { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference_figures.json"))).RootElement;

    [Fact]
    public void Run_ShippedDataset_RowCountsPerRuleMatchDuckDb()
    {
        var result = Result.Value;

        Assert.Equal(Figures.GetProperty("rows_read").GetInt64(), result.Ingestion.RowsRead);
        Assert.Equal(Figures.GetProperty("removed_missing_customer").GetInt64(), result.Cleaning[CleaningRule.MissingCustomer].RowsRemoved);
        Assert.Equal(Figures.GetProperty("removed_duplicates").GetInt64(), result.Cleaning[CleaningRule.Duplicates].RowsRemoved);
        Assert.Equal(Figures.GetProperty("removed_non_product_codes").GetInt64(), result.Cleaning[CleaningRule.NonProductCodes].RowsRemoved);
        Assert.Equal(Figures.GetProperty("removed_non_positive_price").GetInt64(), result.Cleaning[CleaningRule.NonPositivePrice].RowsRemoved);
        Assert.Equal(Figures.GetProperty("removed_non_positive_quantity").GetInt64(), result.Cleaning[CleaningRule.NonPositiveQuantity].RowsRemoved);
        Assert.Equal(Figures.GetProperty("clean_rows").GetInt64(), result.Cleaning.RowsOut);
    }

    [Fact]
    public void Run_ShippedDataset_CustomerSumsMatchDuckDbToTheCent()
    {
        var result = Result.Value;
        var table = result.Table;

        Assert.Equal(Figures.GetProperty("reference_date").GetString(), result.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(Figures.GetProperty("customers_seen").GetInt32(), result.Customers.CustomersSeen);
        Assert.Equal(Figures.GetProperty("customers").GetInt32(), table.RowCount);
        Assert.Equal(Figures.GetProperty("sum_recency_days").GetInt64(), (long)table.Column(FeatureCatalog.RecencyDays).Sum());
        Assert.Equal(Figures.GetProperty("sum_frequency").GetInt64(), (long)table.Column(FeatureCatalog.Frequency).Sum());
        Assert.Equal(decimal.Parse(Figures.GetProperty("sum_monetary").GetString()!, CultureInfo.InvariantCulture), table.ExactMonetary.Sum());
        Assert.Equal(Figures.GetProperty("sum_tenure_days").GetInt64(), (long)table.Column(FeatureCatalog.TenureDays).Sum());
        Assert.Equal(Figures.GetProperty("sum_total_items").GetInt64(), (long)table.Column(FeatureCatalog.TotalItems).Sum());
        Assert.Equal(Figures.GetProperty("sum_unique_products").GetInt64(), (long)table.Column(FeatureCatalog.UniqueProducts).Sum());
        Assert.Equal(Figures.GetProperty("sum_cancellation_count").GetInt64(), (long)table.Column(FeatureCatalog.CancellationCount).Sum());
    }

    [Fact]
    public void Run_ShippedDataset_EveryFeatureIsFiniteAndMonetaryColumnMatchesExact()
    {
        var table = Result.Value.Table;

        foreach (var name in table.FeatureNames)
        {
            Assert.All(table.Column(name), v => Assert.True(double.IsFinite(v), name));
        }

        Assert.Equal(table.ExactMonetary.Select(m => (double)m), table.Column(FeatureCatalog.Monetary));
    }
}
