using Segmentation.Runner.Planning.Tuning;

namespace Segmentation.Runner.Tests.Planning.Tuning;

public sealed class SuccessiveHalvingTests
{
    [Fact]
    public void Schedule_27CandidatesNinthEta3_ThreeRungsEndingOnAllCustomers()
    {
        var rungs = SuccessiveHalving.Schedule(27, 1.0 / 9, 3);

        Assert.Equal([(0, 27), (1, 9), (2, 3)], rungs.Select(r => (r.Index, r.Trials)));
        Assert.Equal(1.0 / 9, rungs[0].Fraction, 12);
        Assert.Equal(1.0 / 3, rungs[1].Fraction, 12);
        Assert.Equal(1.0, rungs[2].Fraction);
    }

    [Theory]
    [InlineData(280, 0.1111111111111111, 3, new[] { 280, 93, 31 })]
    [InlineData(10, 0.25, 2, new[] { 10, 5, 2 })]
    [InlineData(5, 0.1, 4, new[] { 5, 1 })]
    [InlineData(1, 0.5, 2, new[] { 1, 1 })]
    [InlineData(100, 0.3, 3, new[] { 100, 33 })]
    [InlineData(100, 0.05, 3, new[] { 100, 33, 11 })]
    public void Schedule_EachRungKeepsFloorOfNOverEtaAndAtLeastOne(int candidates, double minFraction, int eta, int[] expected)
    {
        var rungs = SuccessiveHalving.Schedule(candidates, minFraction, eta);

        Assert.Equal(expected, rungs.Select(r => r.Trials));
        Assert.True(rungs[0].Fraction >= minFraction);
        Assert.True(rungs.Count == 1 || rungs[0].Fraction / eta < minFraction, "the first rung is the smallest power of 1/eta at or above min_fraction");
        Assert.Equal(1.0, rungs[^1].Fraction);
        Assert.All(rungs.Zip(rungs.Skip(1)), p => Assert.True(p.First.Fraction < p.Second.Fraction));
    }

    [Fact]
    public void Subsample_SameSeedSameRows_OtherSeedOtherRows_ColumnsFollowTheRows()
    {
        var data = new SyntheticDataSource(90).Load(null!, "/", CancellationToken.None);

        var a = SuccessiveHalving.Subsample(data, 1.0 / 3, 7);
        var b = SuccessiveHalving.Subsample(data, 1.0 / 3, 7);
        var other = SuccessiveHalving.Subsample(data, 1.0 / 3, 8);

        Assert.Equal(30, a.CustomerIds.Length);
        Assert.Equal(a.CustomerIds, b.CustomerIds);
        Assert.Equal(a.Digest, b.Digest);
        Assert.NotEqual(a.CustomerIds, other.CustomerIds);
        Assert.NotEqual(a.Digest, other.Digest);
        Assert.NotEqual(data.Digest, a.Digest);
        Assert.Equal(a.CustomerIds.Order(), a.CustomerIds);
        for (var i = 0; i < a.CustomerIds.Length; i++)
        {
            var row = Array.IndexOf(data.CustomerIds, a.CustomerIds[i]);
            Assert.Equal(data.Features.Row(row).ToArray(), a.Features.Row(i).ToArray());
            Assert.Equal(data.Columns[2].Value[row], a.Columns[2].Value[i]);
        }
    }
}
