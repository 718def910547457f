using Segmentation.Data.Products;

namespace Segmentation.Data.Tests.Products;

public sealed class SegmentProductTests
{
    [Fact]
    public void Lift_AnyCounts_IsTheExactFractionsText()
    {
        // Counts up to 2²¹ take the long path, larger ones BigInteger's: the same text, rounding halves up, at every size and edge.
        var random = new Random(15);
        var cases = new List<(long A, long S, long B, long N)>
        {
            (1, 1, 1, 1), (0, 5, 3, 9), (1, 8, 1, 1_000_000), (3, 7, 5, 11), (int.MaxValue, int.MaxValue, 1, int.MaxValue),
            (1, int.MaxValue, int.MaxValue, 1), (int.MaxValue, 1, 1, int.MaxValue), (1, 16, 1, 1),
            (1 << 21, 1, 1, 1 << 21), ((1 << 21) + 1, 1, 1, 1 << 21), (1, 1 << 21, 1 << 21, 1), (1 << 21, 1 << 21, 1 << 21, 1 << 21),
        };
        for (var i = 0; i < 2000; i++)
        {
            var n = random.NextInt64(1, (i % 3) switch { 0 => 10_000, 1 => (1 << 21) + 1, _ => int.MaxValue });
            var b = random.NextInt64(1, n + 1);
            var s = random.NextInt64(1, n + 1);
            cases.Add((random.NextInt64(0, Math.Min(s, b) + 1), s, b, n));
        }

        foreach (var (a, s, b, n) in cases)
        {
            var row = new SegmentProduct(0, "X", null, a, s, b, n, 1);
            Assert.Equal(SegmentProduct.FormatFraction(row.LiftNumerator, row.LiftDenominator, SegmentProduct.LiftDecimals), row.Lift);
        }
    }

    [Fact]
    public void Lift_CountsBeyondAnInt_IsTheExactFractionsText()
    {
        var row = new SegmentProduct(0, "X", null, 3_000_000_000, 4_000_000_000, 5_000_000_000, 9_000_000_000, 1);

        Assert.Equal("1.350000", row.Lift);
    }

    [Fact]
    public void Lift_HalfwayAtTheSixthPlace_RoundsUp()
    {
        // (1/16) ÷ (1/1) = 0.0625 exactly; (1/2,000,000) ÷ (1/1) = 0.0000005, half of the sixth place, so it rounds up.
        Assert.Equal("0.062500", new SegmentProduct(0, "X", null, 1, 16, 1, 1, 1).Lift);
        Assert.Equal("0.000001", new SegmentProduct(0, "X", null, 1, 2_000_000, 1, 1, 1).Lift);
    }
}
