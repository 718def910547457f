using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Products;
using Segmentation.Data.Tests.Products.DuckDb;

namespace Segmentation.Data.Tests.Products;

/// <summary>
/// Products per segment against an independent DuckDB computation (Products/DuckDb/products-lift.mjs), which cleans the
/// raw file itself, so the purchases, the counts, the exact lift and the ranks are all checked, to the last digit.
/// </summary>
public sealed class SegmentProductLiftDuckDbTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("segmentation-products-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Theory]
    [InlineData(1, 1, 50)]
    [InlineData(2, 3, 5)]
    [InlineData(3, 8, 3)]
    public void Compute_SmallFixture_MatchesDuckDbSql(int seed, int minSupport, int top)
    {
        var input = SmallTransactions.Write(_scratch.FullName, seed);
        var build = FeaturePipeline.Run(new DataOptions { Ingestion = new() { Input = input } }, _scratch.FullName, CancellationToken.None);
        var random = new Random(seed);
        // Every seventh customer is left out of training, as the outlier policy would; their purchases must not count.
        var training = build.Table.CustomerIds.Where(id => id % 7 != 0).ToArray();
        var labels = training.Select(_ => random.Next(3)).ToArray();

        AssertMatchesDuckDb(input, build.Products!, training, labels, minSupport, top);
    }

    [Fact]
    public void Compute_ShippedDataset_MatchesDuckDbSql()
    {
        var build = FeaturePipeline.Run(new DataOptions(), RepositoryPaths.Root, CancellationToken.None);
        var training = build.Table.CustomerIds;
        var labels = training.Select(id => (int)(id % 4)).ToArray();

        var rows = AssertMatchesDuckDb(RepositoryPaths.ShippedDataset, build.Products!, training, labels, 10, 20);

        Assert.Equal(80, rows.Count);
    }

    private List<SegmentProduct> AssertMatchesDuckDb(string input, CustomerProducts products, long[] training, int[] labels, int minSupport, int top)
    {
        var rows = SegmentProductLift.Compute(products, training, labels, minSupport, top).ToList();
        var trainingCsv = Path.Combine(_scratch.FullName, "training.csv");
        var text = new StringBuilder("customer_id,segment\n");
        for (var i = 0; i < training.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{training[i]},{labels[i]}\n");
        }

        File.WriteAllText(trainingCsv, text.ToString());

        var json = DuckDbScripts.Run("products-lift.mjs", input, trainingCsv,
            minSupport.ToString(CultureInfo.InvariantCulture), top.ToString(CultureInfo.InvariantCulture));
        var expected = JsonSerializer.Deserialize<string[][]>(json)!.Select(r => string.Join('|', r)).ToList();
        var actual = rows.Select(r => string.Join('|',
            r.Segment.ToString(CultureInfo.InvariantCulture), r.StockCode,
            r.SegmentCustomersWithProduct.ToString(CultureInfo.InvariantCulture), r.SegmentCustomers.ToString(CultureInfo.InvariantCulture),
            r.AllCustomersWithProduct.ToString(CultureInfo.InvariantCulture), r.AllCustomers.ToString(CultureInfo.InvariantCulture),
            r.Lift, r.Rank.ToString(CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        return rows;
    }
}
