using Segmentation.Core.Json;
using Segmentation.Data.Configuration;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Versioning;

namespace Segmentation.Data.Tests.Versioning;

public sealed class LineageHashTests
{
    [Fact]
    public void LineageParamsHash_DefaultOptions_UnchangedSinceCanonicalJsonMovedToCore()
    {
        // Pinned with the Data layer's own canonical JSON before the one Core implementation replaced it: stores written
        // before keep their lineage cache hits for the default parameters.
        Assert.Equal("9c60f67fe1355c6e38eaa75047b3e6c3f0e1423f8e3224a944cc1bebb05a2fd1", CanonicalJson.Hash(DatasetIngestion.LineageParams(new DataOptions())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("""
        data:
          input: elsewhere/transactions.csv
          columns: {customer_id: Cust, unit_price: Price}
          sheet: Year 2010-2011
          on_bad_rows: skip
          rejected_rows_file: out/rejected.csv
        cleaning:
          drop_missing_customer: false
          drop_duplicates: false
          product_codes_only: false
          stock_code_pattern: '^[0-9]{4}'
          drop_non_positive_price: false
          drop_non_positive_quantity: false
          cancellation_prefix: X
        features:
          reference_date: 2011-12-10
          include: [monetary, frequency, recency_days, is_uk]
          home_country: France
        """)]
    public void LineageParams_SourceGeneratedMetadata_WritesWhatReflectionWrites(string yaml)
    {
        // The lineage params go through a source-generated context (LineageJsonContext); the reflection-based
        // serialiser with the same options is the reference, so every stored lineage entry still hits.
        var options = DataOptions.Bind(ConfigDocument.Parse(yaml, "params.yaml"));
        var content = options with { Ingestion = options.Ingestion with { Input = "", RejectedRowsFile = "" } };

        Assert.Equal(CanonicalJson.Of(CanonicalJson.From(content)), CanonicalJson.Of(DatasetIngestion.LineageParams(options)));
    }
}
