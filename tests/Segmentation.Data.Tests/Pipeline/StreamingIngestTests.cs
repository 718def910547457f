using Segmentation.Data.Cleaning;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Products;

namespace Segmentation.Data.Tests.Pipeline;

/// <summary>
/// The streaming pipeline (rules on each row as it arrives, rows folded into per-customer state) against the table path
/// (<see cref="TransactionCleaner"/> over the whole table, then features and products from the cleaned table): the
/// same counts per rule, the same features bit for bit and the same purchases, under every combination of the rules.
/// </summary>
public sealed class StreamingIngestTests
{
    public static TheoryData<int> RuleCombinations()
    {
        var data = new TheoryData<int>();
        for (var mask = 0; mask < 32; mask++)
        {
            data.Add(mask);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleCombinations))]
    public void Run_EveryRuleCombination_MatchesTheTablePath(int mask)
    {
        var cleaning = new CleaningOptions
        {
            DropMissingCustomer = (mask & 1) != 0,
            DropDuplicates = (mask & 2) != 0,
            ProductCodesOnly = (mask & 4) != 0,
            DropNonPositivePrice = (mask & 8) != 0,
            DropNonPositiveQuantity = (mask & 16) != 0,
        };
        var options = new DataOptions { Cleaning = cleaning };
        var table = Synthetic(seed: 7);

        var streamed = FeaturePipeline.Run(Read(table), options, CancellationToken.None);

        var cleaned = TransactionCleaner.Clean(table, cleaning);
        Assert.Equal(cleaned.Report.RowsIn, streamed.Cleaning.RowsIn);
        Assert.Equal(cleaned.Report.RowsOut, streamed.Cleaning.RowsOut);
        Assert.Equal(cleaned.Report.Rules, streamed.Cleaning.Rules);
        var features = CustomerFeatureBuilder.Build(cleaned.Table, options.Features, cleaning.IsCancellation);
        Assert.Equal(features.ReferenceDate, streamed.ReferenceDate);
        Assert.Equal(features.Drops, streamed.Customers);
        AssertSameFeatures(features.Table, streamed.Table);
        AssertSameProducts(CustomerProducts.FromCleaned(cleaned.Table, cleaning.IsCancellation), streamed.Products!);
    }

    [Fact]
    public void Run_DuplicatesFarApart_AreRemovedAsTheTableCleanerRemovesThem()
    {
        var table = Synthetic(seed: 11);
        var cleaned = TransactionCleaner.Clean(table, new CleaningOptions());

        var streamed = FeaturePipeline.Run(Read(table), new DataOptions(), CancellationToken.None);

        // The synthetic rows repeat earlier rows hundreds of rows later, so a rule that only compared neighbours would fail.
        Assert.True(cleaned.Report[CleaningRule.Duplicates].RowsRemoved > 100);
        Assert.Equal(cleaned.Report[CleaningRule.Duplicates].RowsRemoved, streamed.Cleaning[CleaningRule.Duplicates].RowsRemoved);
    }

    [Fact]
    public void Run_RowsInAnotherOrder_GiveTheSameFeaturesAndProducts()
    {
        var table = Synthetic(seed: 3);
        var shuffled = Enumerable.Range(0, table.RowCount).Select(table.Row).ToArray();
        new Random(5).Shuffle(shuffled);

        var inOrder = FeaturePipeline.Run(Read(table), new DataOptions(), CancellationToken.None);
        var reordered = FeaturePipeline.Run(Read(TransactionTable.FromRows(shuffled)), new DataOptions(), CancellationToken.None);

        Assert.Equal(inOrder.Cleaning.Rules, reordered.Cleaning.Rules);
        Assert.Equal(inOrder.ReferenceDate, reordered.ReferenceDate);
        Assert.Equal(inOrder.Customers, reordered.Customers);
        AssertSameFeatures(inOrder.Table, reordered.Table);
        AssertSameProducts(inOrder.Products!, reordered.Products!);
    }

    [Fact]
    public void Run_FromFile_StreamsTheSameResultAsTheTableReadFirst()
    {
        var dir = Directory.CreateTempSubdirectory("segstream-").FullName;
        try
        {
            var table = Synthetic(seed: 19);
            var path = Path.Combine(dir, "t.csv");
            using (var writer = new StreamWriter(path))
            {
                writer.WriteLine("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
                for (var r = 0; r < table.RowCount; r++)
                {
                    var row = table.Row(r);
                    writer.WriteLine(FormattableString.Invariant(
                        $"{row.Invoice},{row.StockCode},{row.Description},{row.Quantity},{row.Timestamp:yyyy-MM-ddTHH:mm:ss},{row.UnitPrice},{row.CustomerId},{row.Country}"));
                }
            }

            var options = new DataOptions { Ingestion = new IngestionOptions { Input = "t.csv" } };

            var streamed = FeaturePipeline.Run(options, dir, CancellationToken.None);
            var read = TransactionReader.ReadFile(options.Ingestion, dir);
            var fromTable = FeaturePipeline.Run(read, options, CancellationToken.None);

            Assert.Equal(table.RowCount, streamed.Ingestion.RowsRead);
            Assert.Equal(read.Report.HeaderNames, streamed.Ingestion.HeaderNames);
            Assert.Equal(fromTable.Cleaning.Rules, streamed.Cleaning.Rules);
            AssertSameFeatures(fromTable.Table, streamed.Table);
            AssertSameProducts(fromTable.Products!, streamed.Products!);
            AssertSameProducts(fromTable.Products!, FeaturePipeline.Products(options, dir, CancellationToken.None));

            var batch = FeaturePipeline.Batch(options, dir, CancellationToken.None);
            var cleaned = TransactionCleaner.Clean(read.Table, options.Cleaning);
            Assert.Equal(Ids(read.Table).Distinct().Order(), batch.RawCustomers);
            Assert.Equal(Ids(cleaned.Table).ToHashSet(), batch.CleanedCustomers);
            Assert.NotEmpty(batch.RawCustomers);
            Assert.Equal(read.Table.CustomerIdRaw.ToArray().Count(id => id == TransactionTable.NoCustomer), batch.RawRowsWithoutCustomer);
            Assert.Equal(table.RowCount, batch.Cleaning.RowsIn);
            AssertSameFeatures(CustomerFeatureBuilder.Build(cleaned.Table, options.Features, options.Cleaning.IsCancellation).Table, batch.Features.Table);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<long> Ids(TransactionTable table) =>
        table.CustomerIdRaw.ToArray().Where(id => id != TransactionTable.NoCustomer);

    private static TransactionReadResult Read(TransactionTable table) =>
        new(table, new IngestionReport("/synthetic.csv", "csv", null, new Dictionary<TransactionColumn, string>(), table.RowCount, 0, null));

    /// <summary>
    /// Rows that exercise every rule: missing customers, non-product codes, zero and negative prices, returns with and
    /// without a cancellation invoice, several countries, missing and competing descriptions, and exact copies of
    /// earlier rows placed far from them.
    /// </summary>
    private static TransactionTable Synthetic(int seed)
    {
        var random = new Random(seed);
        var rows = new List<TransactionRow>();
        string[] countries = ["United Kingdom", "France", "Germany", "EIRE"];
        string[] odd = ["POST", "M", "DOT", "85123A", "C2"];
        for (var invoice = 0; invoice < 400; invoice++)
        {
            var cancellation = random.Next(10) == 0;
            var number = (cancellation ? "C" : "") + (536000 + invoice).ToString(System.Globalization.CultureInfo.InvariantCulture);
            long? customer = random.Next(12) == 0 ? null : 12000 + random.Next(60);
            var time = new DateTime(2010, 12, 1, 8, 0, 0).AddMinutes(random.Next(0, 60 * 24 * 400));
            var country = countries[random.Next(customer is null ? 1 : 1 + ((int)(customer % 3)))];
            var lines = 1 + random.Next(12);
            for (var line = 0; line < lines; line++)
            {
                var stock = random.Next(15) == 0 ? odd[random.Next(odd.Length)] : (10001 + random.Next(40)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var quantity = cancellation ? -1 - random.Next(5) : random.Next(20) == 0 ? -random.Next(3) : 1 + random.Next(24);
                var price = random.Next(25) == 0 ? -random.Next(2) : random.Next(1, 2000) / 100m;
                var description = random.Next(8) switch { 0 => null, 1 => "OTHER " + stock, _ => "ITEM " + stock };
                rows.Add(new TransactionRow(number, stock, description, quantity, time, price, customer, country));
            }
        }

        for (var copy = 0; copy < 300; copy++)
        {
            var at = random.Next(rows.Count / 2);
            rows.Insert(Math.Min(rows.Count, at + 200 + random.Next(rows.Count / 2)), rows[at]);
        }

        return TransactionTable.FromRows(rows);
    }

    private static void AssertSameFeatures(CustomerFeatureTable expected, CustomerFeatureTable actual)
    {
        Assert.Equal(expected.CustomerIds, actual.CustomerIds);
        Assert.Equal(expected.FeatureNames, actual.FeatureNames);
        Assert.Equal(expected.ExactMonetary, actual.ExactMonetary);
        foreach (var name in expected.FeatureNames)
        {
            Assert.Equal(expected.Column(name).ToArray().Select(BitConverter.DoubleToInt64Bits), actual.Column(name).ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
    }

    private static void AssertSameProducts(CustomerProducts expected, CustomerProducts actual)
    {
        Assert.Equal(expected.StockCodes, actual.StockCodes);
        Assert.Equal(expected.Descriptions, actual.Descriptions);
        Assert.Equal(expected.Customers, actual.Customers);
        Assert.Equal(expected.Products, actual.Products);
    }
}
