using Segmentation.Data.Configuration;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Pipeline;

namespace Segmentation.Data.Tests.Pipeline;

public sealed class DataOptionsTests
{
    private static DataOptions Bind(string yaml) => DataOptions.Bind(ConfigDocument.Parse(yaml, "params.yaml"));

    [Fact]
    public void Bind_EmptyDocument_GivesDefaults()
    {
        var options = Bind("");

        Assert.Equal("data/online_retail.csv.gz", options.Ingestion.Input);
        Assert.Equal(BadRowPolicy.Fail, options.Ingestion.OnBadRows);
        Assert.Equal(@"^\d{5}", options.Cleaning.StockCodePattern);
        Assert.True(options.Cleaning.DropMissingCustomer && options.Cleaning.DropDuplicates && options.Cleaning.ProductCodesOnly
            && options.Cleaning.DropNonPositivePrice && options.Cleaning.DropNonPositiveQuantity);
        Assert.Null(options.Features.ReferenceDate);
        Assert.Equal(FeatureCatalog.Names, options.Features.Include);
        Assert.Equal(OutlierMethod.None, options.Features.Outliers.Method);
    }

    [Fact]
    public void Bind_ShippedParamsYaml_EqualsBuiltInDefaults()
    {
        var options = DataOptions.Bind(ConfigDocument.Load(Path.Combine(RepositoryPaths.Root, "params.yaml")));
        var defaults = new DataOptions();

        Assert.Equal(defaults.Ingestion with { Columns = options.Ingestion.Columns }, options.Ingestion);
        Assert.Empty(options.Ingestion.Columns);
        Assert.Equal(defaults.Cleaning, options.Cleaning);
        Assert.Equal(defaults.Features.Include, options.Features.Include);
        Assert.Equal(defaults.Features.Outliers.Features, options.Features.Outliers.Features);
        Assert.Equal(defaults.Features with { Include = options.Features.Include, Outliers = options.Features.Outliers }, options.Features);
        Assert.Equal(defaults.Features.Outliers with { Features = options.Features.Outliers.Features }, options.Features.Outliers);
    }

    [Fact]
    public void Bind_EveryKey_IsRead()
    {
        var options = Bind("""
            data:
              input: other.xlsx
              columns:
                customer_id: Cust
                unit_price: Amount
              sheet: Year 2011
              on_bad_rows: skip
              rejected_rows_file: out/bad.csv
            cleaning:
              drop_duplicates: false
              stock_code_pattern: '^[0-9]{4}'
              cancellation_prefix: X
            features:
              reference_date: 2012-01-01
              include: [monetary, frequency]
              home_country: France
              outliers:
                method: isolation_forest
                contamination: 0.02
                seed: 7
            """);

        Assert.Equal("other.xlsx", options.Ingestion.Input);
        Assert.Equal("Cust", options.Ingestion.Columns[TransactionColumn.CustomerId]);
        Assert.Equal("Amount", options.Ingestion.Columns[TransactionColumn.UnitPrice]);
        Assert.Equal("Year 2011", options.Ingestion.Sheet);
        Assert.Equal(BadRowPolicy.Skip, options.Ingestion.OnBadRows);
        Assert.Equal("out/bad.csv", options.Ingestion.RejectedRowsFile);
        Assert.False(options.Cleaning.DropDuplicates);
        Assert.Equal("^[0-9]{4}", options.Cleaning.StockCodePattern);
        Assert.True(options.Cleaning.IsCancellation("X1"));
        Assert.Equal(new DateOnly(2012, 1, 1), options.Features.ReferenceDate);
        Assert.Equal(["monetary", "frequency"], options.Features.Include);
        Assert.Equal("France", options.Features.HomeCountry);
        Assert.Equal(OutlierMethod.IsolationForest, options.Features.Outliers.Method);
        Assert.Equal(0.02, options.Features.Outliers.Contamination);
        Assert.Equal(7, options.Features.Outliers.Seed);
    }

    [Theory]
    [InlineData("data:\n  inptu: x.csv\n", "params.yaml:2:10: data.inptu: unknown key 'inptu'; allowed keys here: input, columns, sheet, on_bad_rows, rejected_rows_file")]
    [InlineData("data:\n  columns:\n    customer: Cust\n", "params.yaml:3:15: data.columns.customer: unknown key 'customer'; allowed keys here: invoice, stock_code, description, quantity, invoice_date, unit_price, customer_id, country")]
    [InlineData("cleaning:\n  drop_dupes: true\n", "params.yaml:2:15: cleaning.drop_dupes: unknown key 'drop_dupes'")]
    [InlineData("features:\n  outliers:\n    methd: iqr\n", "params.yaml:3:12: features.outliers.methd: unknown key 'methd'")]
    [InlineData("data:\n  on_bad_rows: ignore\n", "params.yaml:2:16: data.on_bad_rows: unknown value 'ignore'; allowed: fail, skip")]
    [InlineData("features:\n  include: [recency, frequency]\n", "params.yaml:2:13: features.include[0]: unknown value 'recency'; allowed: recency_days")]
    [InlineData("features:\n  reference_date: 10/12/2011\n", "params.yaml:2:19: features.reference_date: expected auto or a date such as 2011-12-10, found '10/12/2011'")]
    [InlineData("cleaning:\n  stock_code_pattern: '^(\\d'\n", "params.yaml:2:23: cleaning.stock_code_pattern: expected a regular expression")]
    [InlineData("features:\n  outliers:\n    method: zscore\n    contamination: 0.9\n", "params.yaml:4:20: features.outliers.contamination: expected a number from")]
    public void Bind_BadKeyOrValue_FailsWithLocationKeyPathAndAllowedValues(string yaml, string expectedStart)
    {
        var ex = Assert.Throws<ConfigException>(() => Bind(yaml));

        Assert.StartsWith(expectedStart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_SweepConfigOverParams_OverrideWins()
    {
        var baseline = ConfigDocument.Parse("data:\n  input: a.csv\ncleaning:\n  drop_duplicates: false\n", "params.yaml");
        var overlay = ConfigDocument.Parse("data:\n  input: b.csv\n", "configs/kmeans.yaml");

        var options = DataOptions.Bind(ConfigDocument.Merge(baseline, overlay));

        Assert.Equal("b.csv", options.Ingestion.Input);
        Assert.False(options.Cleaning.DropDuplicates);
    }

    [Fact]
    public void Bind_OtherTopLevelSections_AreLeftToTheirOwners()
    {
        var options = Bind("seed: 3\ntracking:\n  uri: x\n");

        Assert.Equal(new DataOptions().Ingestion.Input, options.Ingestion.Input);
    }
}
