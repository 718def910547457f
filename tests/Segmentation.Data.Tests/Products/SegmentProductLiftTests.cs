using System.Numerics;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Products;
using static Segmentation.Data.Tests.Rows;

namespace Segmentation.Data.Tests.Products;

public sealed class SegmentProductLiftTests
{
    // Customers 1-4 in segment 0, 5-6 in segment 1. Product A: 1,2,3 and 5; B: 1 and 5,6; C: 4 only.
    private static readonly CustomerProducts Products = CustomerProducts.FromCleaned(
        Table(
            Line("1", 1, "2011-01-01", stock: "A"), Line("1", 1, "2011-01-01", stock: "B"),
            Line("2", 2, "2011-01-01", stock: "A"), Line("3", 3, "2011-01-01", stock: "A"),
            Line("4", 4, "2011-01-01", stock: "C"), Line("5", 5, "2011-01-01", stock: "A"),
            Line("5", 5, "2011-01-01", stock: "B"), Line("6", 6, "2011-01-01", stock: "B")),
        new CleaningOptions().IsCancellation);

    private static readonly long[] Customers = [1, 2, 3, 4, 5, 6];
    private static readonly int[] Labels = [0, 0, 0, 0, 1, 1];

    [Fact]
    public void Compute_HandExample_CountsAndLiftAreExact()
    {
        var rows = SegmentProductLift.Compute(Products, Customers, Labels, 1, 10);

        // Segment 0: C lift (1/4)/(1/6) = 1.5; A (3/4)/(4/6) = 1.125; B (1/4)/(3/6) = 0.5.
        Assert.Equal(["0:C:1.500000:1", "0:A:1.125000:2", "0:B:0.500000:3", "1:B:2.000000:1", "1:A:0.750000:2"],
            rows.Select(r => $"{r.Segment}:{r.StockCode}:{r.Lift}:{r.Rank}"));
        var a = rows.Single(r => r.Segment == 0 && r.StockCode == "A");
        Assert.Equal((3L, 4L, 4L, 6L), (a.SegmentCustomersWithProduct, a.SegmentCustomers, a.AllCustomersWithProduct, a.AllCustomers));
        Assert.Equal((new BigInteger(18), new BigInteger(16)), (a.LiftNumerator, a.LiftDenominator));
    }

    [Fact]
    public void Compute_BelowMinSupport_IsLeftOut()
    {
        var rows = SegmentProductLift.Compute(Products, Customers, Labels, 2, 10);

        Assert.Equal(["0:A", "1:B"], rows.Select(r => $"{r.Segment}:{r.StockCode}"));
    }

    [Fact]
    public void Compute_Top_KeepsTheFirstRanks()
    {
        var rows = SegmentProductLift.Compute(Products, Customers, Labels, 1, 1);

        Assert.Equal(["0:C", "1:B"], rows.Select(r => $"{r.Segment}:{r.StockCode}"));
    }

    [Fact]
    public void Compute_EqualLift_RanksBySupportThenStockCode()
    {
        // In one segment of everyone every lift is 1: support decides, then the ordinal stock code.
        var rows = SegmentProductLift.Compute(Products, Customers, [0, 0, 0, 0, 0, 0], 1, 10);

        Assert.Equal(["A", "B", "C"], rows.Select(r => r.StockCode));
        Assert.All(rows, r => Assert.Equal("1.000000", r.Lift));
    }

    [Fact]
    public void Compute_SeededRandomBaskets_EqualsSortingEveryCandidateByLiftSupportAndCode()
    {
        // The top-N selection against the plain definition: count, sort all candidates, take the first N.
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            var codes = Enumerable.Range(0, 3 + random.Next(25)).Select(i => "P" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var customers = Enumerable.Range(1, 10 + random.Next(60)).Select(c => (long)c).ToArray();
            var lines = new List<Segmentation.Data.Ingestion.TransactionRow>();
            foreach (var customer in customers)
            {
                foreach (var code in codes.Where(_ => random.Next(3) == 0))
                {
                    lines.Add(Line("I" + customer.ToString(System.Globalization.CultureInfo.InvariantCulture), customer, "2011-01-01", stock: code));
                }
            }

            var products = CustomerProducts.FromCleaned(Table([.. lines]), new CleaningOptions().IsCancellation);
            var labels = customers.Select(_ => random.Next(1 + random.Next(4))).ToArray();
            var (minSupport, top) = (1 + random.Next(3), 1 + random.Next(6));

            var rows = SegmentProductLift.Compute(products, customers, labels, minSupport, top);

            var bought = lines.Select(l => (Customer: l.CustomerId!.Value, l.StockCode)).Distinct().ToList();
            var segmentOf = customers.Zip(labels).ToDictionary(p => p.First, p => p.Second);
            var expected = labels.Distinct().Order().SelectMany(segment =>
                codes.Select(code => (Code: code,
                        A: (long)bought.Count(b => b.StockCode == code && segmentOf[b.Customer] == segment),
                        B: (long)bought.Count(b => b.StockCode == code)))
                    .Where(x => x.A >= minSupport)
                    .Order(Comparer<(string Code, long A, long B)>.Create((x, y) =>
                    {
                        var byLift = (y.A * x.B).CompareTo(x.A * y.B);
                        return byLift != 0 ? byLift : y.A != x.A ? y.A.CompareTo(x.A) : string.CompareOrdinal(x.Code, y.Code);
                    }))
                    .Take(top)
                    .Select((x, i) => $"{segment}:{x.Code}:{i + 1}"));
            Assert.Equal(expected, rows.Select(r => $"{r.Segment}:{r.StockCode}:{r.Rank}"));
        }
    }

    [Fact]
    public void Compute_SeededRandomLabelings_CountsEverySegmentsBuyersExactly()
    {
        // The largest segment's counts are derived (totals less the others'), the rest counted: all must be the plain count,
        // for noise and far-apart labels too, and for ties of the largest size.
        for (var seed = 0; seed < 30; seed++)
        {
            var random = new Random(1000 + seed);
            var codes = Enumerable.Range(0, 2 + random.Next(12)).Select(i => "Q" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var customers = Enumerable.Range(1, 5 + random.Next(40)).Select(c => (long)c).ToArray();
            var lines = new List<Segmentation.Data.Ingestion.TransactionRow>();
            foreach (var customer in customers)
            {
                foreach (var code in codes.Where(_ => random.Next(2) == 0))
                {
                    lines.Add(Line("I" + customer.ToString(System.Globalization.CultureInfo.InvariantCulture), customer, "2011-01-01", stock: code));
                }
            }

            var products = CustomerProducts.FromCleaned(Table([.. lines]), new CleaningOptions().IsCancellation);
            int[] palette = seed % 3 == 0 ? [-1, 0, 1, 2] : seed % 3 == 1 ? [-1, 40_000_000, 7] : [0, 1];
            var labels = customers.Select(_ => palette[random.Next(palette.Length)]).ToArray();

            // Top large enough for every product, support 1: every bought product of every segment is a row.
            var rows = SegmentProductLift.For(products, customers).Compute(labels, 1, codes.Length);

            var bought = lines.Select(l => (Customer: l.CustomerId!.Value, l.StockCode)).Distinct().ToList();
            var segmentOf = customers.Zip(labels).ToDictionary(p => p.First, p => p.Second);
            var expected = labels.Distinct().Order().SelectMany(segment => codes
                .Select(code => (Code: code, A: bought.Count(b => b.StockCode == code && segmentOf[b.Customer] == segment)))
                .Where(x => x.A > 0)
                .Select(x => $"{segment}:{x.Code}:{x.A}:{labels.Count(l => l == segment)}"))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, rows.Select(r => $"{r.Segment}:{r.StockCode}:{r.SegmentCustomersWithProduct}:{r.SegmentCustomers}").Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Compute_CustomerNotInTraining_IsNotCounted()
    {
        // Customer 4 (the only buyer of C) was removed, say by the outlier policy.
        var rows = SegmentProductLift.Compute(Products, [1, 2, 3, 5, 6], [0, 0, 0, 1, 1], 1, 10);

        Assert.DoesNotContain(rows, r => r.StockCode == "C");
        Assert.All(rows, r => Assert.Equal(5, r.AllCustomers));
        Assert.Equal(3, rows.First(r => r.Segment == 0).SegmentCustomers);
    }

    [Fact]
    public void For_ManyLabelings_EachEqualsItsOwnComputation()
    {
        // A sweep prepares the pairs once and ranks every trial's labels with them: nothing of one labeling may leak into the next.
        var lift = SegmentProductLift.For(Products, Customers);
        int[][] labelings = [[0, 0, 0, 0, 1, 1], [1, 0, 1, 0, 1, 0], [2, 2, 0, 1, 1, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 1]];
        foreach (var labels in labelings)
        {
            Assert.Equal(
                SegmentProductLift.Compute(Products, Customers, labels, 1, 2).Select(r => $"{r.Segment}:{r.StockCode}:{r.Rank}:{r.SegmentCustomersWithProduct}:{r.AllCustomersWithProduct}"),
                lift.Compute(labels, 1, 2).Select(r => $"{r.Segment}:{r.StockCode}:{r.Rank}:{r.SegmentCustomersWithProduct}:{r.AllCustomersWithProduct}"));
        }

        Assert.Equal(["0:C", "0:A", "1:B", "1:A"], lift.Compute(Labels, 1, 2).Select(r => $"{r.Segment}:{r.StockCode}"));
    }

    [Fact]
    public void For_CustomerTwice_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => SegmentProductLift.For(Products, [1, 2, 2]));

        Assert.Contains("customer 2 appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_LabelCountMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => SegmentProductLift.For(Products, Customers).Compute([0, 1], 1, 10));

    [Theory]
    [InlineData(1, 3, 6, "0.333333")]
    [InlineData(2, 3, 6, "0.666667")]
    [InlineData(1, 8, 2, "0.13")]
    [InlineData(5, 2, 0, "3")]
    [InlineData(0, 7, 3, "0.000")]
    [InlineData(1_000_000_000_000, 3, 6, "333333333333.333333")]
    public void FormatFraction_Value_RoundsHalfUpExactly(long numerator, long denominator, int decimals, string expected) =>
        Assert.Equal(expected, SegmentProduct.FormatFraction(numerator, denominator, decimals));
}
