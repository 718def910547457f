using Segmentation.Clustering;
using Segmentation.Runner.Data;
using Segmentation.Runner.Segments;

namespace Segmentation.Runner.Tests.Segments;

public sealed class SegmentProfilerTests
{
    [Fact]
    public void Profile_RfmTable_NamesFromTheGridAndRevenueShares()
    {
        // Segment 0: recent, frequent, big spenders; segment 1: long gone, one order, small spend.
        var data = Rfm([(2, 20, 5000, 0), (3, 18, 4000, 0), (4, 25, 6000, 0), (300, 1, 50, 1), (320, 1, 40, 1), (350, 1, 60, 1), (310, 1, 30, 1), (330, 1, 20, 1)]);

        var profiles = SegmentProfiler.Profile(data.Data, data.Labels);

        // Segment 1's median spend (40) clears the 20 % cut of all customers, so FM = round-half-up((1 + 2) / 2) = 2: Hibernating.
        Assert.Equal([RfmGrid.Champions, RfmGrid.Hibernating], profiles.Select(p => p.Name));
        Assert.Equal(new RfmScore(5, 5, 5), profiles[0].Rfm);
        Assert.Equal(15000.0 / 15200, profiles[0].RevenueShare, 12);
        Assert.Equal(3.0 / 8, profiles[0].Share, 12);
        Assert.Equal(5000, profiles[0].Feature("monetary")!.Median);
        Assert.Equal(5000 / (15200.0 / 8), profiles[0].Feature("monetary")!.Lift, 12);
    }

    [Fact]
    public void Profile_TwoSegmentsInOneCell_QualifiedBySpend()
    {
        var data = Rfm([(2, 20, 9000, 0), (3, 21, 8000, 0), (2, 22, 3000, 1), (3, 19, 2500, 1), (300, 1, 10, 2), (310, 1, 12, 2), (320, 1, 8, 2), (330, 1, 9, 2), (340, 1, 11, 2), (350, 1, 7, 2)]);

        var profiles = SegmentProfiler.Profile(data.Data, data.Labels);

        Assert.Equal(["Champions (high spend)", "Champions (low spend)"], profiles.Take(2).Select(p => p.Name));
    }

    [Fact]
    public void Profile_NotRfm_TwoMostDistinctiveFeatures()
    {
        string[] names = ["unique_products", "return_rate", "is_uk"];
        double[][] rows = [[50, 0.0, 1], [60, 0.01, 1], [55, 0.0, 0], [5, 0.4, 1], [4, 0.5, 1], [6, 0.45, 0]];
        var data = new TrainingData([1, 2, 3, 4, 5, 6], names, Matrix.FromRows(rows), "d", "s.csv");

        var profiles = SegmentProfiler.Profile(data, [0, 0, 0, 1, 1, 1]);

        Assert.Equal(["high unique_products, low return_rate", "low unique_products, high return_rate"], profiles.Select(p => p.Name));
        Assert.True(double.IsNaN(profiles[0].RevenueShare));
        Assert.Null(profiles[0].Rfm);
    }

    [Fact]
    public void Profile_Override_ReplacesTheRuleName()
    {
        var data = Rfm([(2, 20, 5000, 0), (300, 1, 50, 1), (320, 1, 40, 1)]);
        var profiles = SegmentProfiler.Profile(data.Data, data.Labels, new Dictionary<int, string> { [0] = "VIP" });
        Assert.Equal("VIP", profiles[0].Name);
    }

    [Fact]
    public void Profile_MonetaryNotClustered_StillProfiledFromTheFullTable()
    {
        var full = Rfm([(2, 20, 5000, 0), (300, 1, 50, 1)]).Data;
        var selected = full with { FeatureNames = ["recency_days"], Features = Matrix.FromRows([[2.0], [300.0]]), Columns = full.Columns };

        var profiles = SegmentProfiler.Profile(selected, [0, 1]);

        Assert.Equal(5000.0 / 5050, profiles[0].RevenueShare, 12);
        Assert.NotNull(profiles[0].Feature("frequency"));
    }

    [Fact]
    public void Profile_ManyTrialsOnOneTable_EachStatIsBitEqualToSortingTheSegmentsValues()
    {
        // Ties (rounded values), noise (−1) and segments of one customer: every trial reuses the table's sorted columns.
        var random = new Random(7);
        string[] names = ["recency_days", "frequency", "monetary", "tenure_days"];
        var rows = Enumerable.Range(0, 500).Select(_ => names.Select(_ => Math.Round(random.NextDouble() * 40, 1) * random.NextDouble()).ToArray()).ToArray();
        var data = new TrainingData([.. Enumerable.Range(0, 500).Select(i => (long)i)], names, Matrix.FromRows(rows), "d", "s.csv");
        for (var trial = 0; trial < 4; trial++)
        {
            var labels = Enumerable.Range(0, 500).Select(_ => random.Next(-1, 3 + trial)).ToArray();
            labels[0] = 9;

            var profiles = SegmentProfiler.Profile(data, labels);

            foreach (var profile in profiles)
            {
                for (var j = 0; j < names.Length; j++)
                {
                    var values = Enumerable.Range(0, 500).Where(i => labels[i] == profile.Segment).Select(i => rows[i][j]).Order().ToList();
                    var mean = values.Average();
                    var stats = profile.Feature(names[j])!;
                    Assert.Equal(BitConverter.DoubleToInt64Bits(mean), BitConverter.DoubleToInt64Bits(stats.Mean));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(Quantile.Of(values, 50)), BitConverter.DoubleToInt64Bits(stats.Median));
                    Assert.Equal(mean / rows.Average(r => r[j]), stats.Lift, 12);
                }
            }
        }
    }

    [Fact]
    public void Profile_SignedZerosTiesNaNAndInfinities_MediansKeepTheStableOrdersBitsAndRevenueSumsRowByRow()
    {
        // −0 and 0 compare equal, so only the stable order (rows of equal values in row order) says which one is the median.
        // NaN and the infinities sort as the default comparer puts them (NaN first), the rest spans signs and magnitudes.
        string[] names = ["recency_days", "frequency", "monetary", "spend_trend"];
        double[] odd = [double.NaN, double.NegativeInfinity, double.PositiveInfinity, -1e300, -2.5, -double.Epsilon, double.Epsilon, 3, 1e300];
        var random = new Random(11);
        var rows = Enumerable.Range(0, 300).Select(i => new[] { i % 2 == 0 ? -0.0 : 0.0, random.Next(3), Math.Round(random.NextDouble() * 100, 2), odd[random.Next(odd.Length)] }).ToArray();
        var data = new TrainingData([.. Enumerable.Range(0, 300).Select(i => (long)i)], names, Matrix.FromRows(rows), "d", "s.csv");
        for (var trial = 0; trial < 3; trial++)
        {
            var labels = Enumerable.Range(0, 300).Select(_ => random.Next(-1, 2 + trial)).ToArray();

            var profiles = SegmentProfiler.Profile(data, labels);

            var total = rows.Sum(r => r[2]);
            foreach (var profile in profiles)
            {
                var members = Enumerable.Range(0, 300).Where(i => labels[i] == profile.Segment).ToList();
                Assert.Equal(members.Count, profile.Size);
                Assert.Equal(BitConverter.DoubleToInt64Bits(members.Sum(i => rows[i][2]) / total), BitConverter.DoubleToInt64Bits(profile.RevenueShare));
                for (var j = 0; j < names.Length; j++)
                {
                    var values = members.Select(i => rows[i][j]).Order().ToList();
                    Assert.Equal(BitConverter.DoubleToInt64Bits(Quantile.Of(values, 50)), BitConverter.DoubleToInt64Bits(profile.Feature(names[j])!.Median));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(values.Average()), BitConverter.DoubleToInt64Bits(profile.Feature(names[j])!.Mean));
                }
            }
        }
    }

    private static (TrainingData Data, int[] Labels) Rfm(IReadOnlyList<(double R, double F, double M, int Label)> customers)
    {
        string[] names = ["recency_days", "frequency", "monetary"];
        var matrix = Matrix.FromRows([.. customers.Select(c => new[] { c.R, c.F, c.M })]);
        var data = new TrainingData([.. customers.Select((_, i) => (long)i)], names, matrix, "d", "s.csv");
        return (data, [.. customers.Select(c => c.Label)]);
    }
}
