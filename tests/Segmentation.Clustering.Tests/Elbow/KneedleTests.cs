using Segmentation.Clustering.Elbow;
using Segmentation.Clustering.Tests.Fixtures;

namespace Segmentation.Clustering.Tests.Elbow;

public sealed class KneedleTests
{
    [Fact]
    public void FindKnee_FixtureCurves_SameKneeAsReference()
    {
        var file = SklearnPartB.LoadKneedle();
        Assert.Contains(file.Cases, c => c.Knee is null);
        foreach (var expected in file.Cases)
        {
            Assert.True(expected.Knee == Kneedle.FindKnee(expected.X, expected.Y, expected.S), $"{expected.Name} S={expected.S}");
        }
    }

    [Fact]
    public void FindKnee_ByHand_HyperbolaKneeAtThree()
    {
        // y = 10/x on x = 1..10: the difference curve is d(x) = (11 − 10/x − x) / 9, so d(2..6) = 0.444, 0.519,
        // 0.5, 0.444, 0.370. Its maximum is at x = 3, threshold 0.519 − 1·(1/9) = 0.407; d(6) is the first value
        // below it, so the knee is x = 3.
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var y = x.Select(v => 10.0 / v).ToArray();
        Assert.Equal(3.0, Kneedle.FindKnee(x, y));
    }

    [Fact]
    public void FindKnee_StraightLine_Null()
    {
        double[] x = [2, 3, 4, 5, 6];
        Assert.Null(Kneedle.FindKnee(x, [50.0, 40.0, 30.0, 20.0, 10.0]));
        Assert.Null(Kneedle.FindKnee(x, [7.0, 7.0, 7.0, 7.0, 7.0]));
    }

    [Fact]
    public void FindKnee_HugeSensitivity_NoKnee()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Null(Kneedle.FindKnee(x, x.Select(v => 10.0 / v).ToArray(), sensitivity: 100));
    }

    [Fact]
    public void FindElbow_InertiaCurve_ReturnsK()
    {
        Assert.Equal(4, Kneedle.FindElbow([2, 3, 4, 5, 6, 7, 8, 9, 10], [1000.0, 400, 150, 140, 131, 123, 116, 110, 105]));
    }

    [Fact]
    public void FindKnee_BadInput_ThrowsNamingParameter()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Kneedle.FindKnee([1.0, 2.0], [1.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Kneedle.FindKnee([2.0, 1.0, 3.0], [3.0, 2.0, 1.0])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Kneedle.FindKnee([1.0, 2.0, 3.0], [3.0, double.NaN, 1.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Kneedle.FindKnee([1.0], [1.0])).ParamName);
        Assert.Equal("sensitivity", Assert.Throws<ArgumentOutOfRangeException>(() => Kneedle.FindKnee([1.0, 2.0], [2.0, 1.0], -1)).ParamName);
    }
}
