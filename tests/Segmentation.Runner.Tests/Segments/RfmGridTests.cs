using Segmentation.Runner.Segments;

namespace Segmentation.Runner.Tests.Segments;

public sealed class RfmGridTests
{
    // The whole grid, R = 5 (top row) to 1, FM = 1 to 5 left to right: the README's "Segment names" table.
    public static TheoryData<int, int, string> Cells()
    {
        string[][] rows =
        [
            ["New customers", "Potential loyalists", "Potential loyalists", "Champions", "Champions"],
            ["Promising", "Potential loyalists", "Potential loyalists", "Loyal customers", "Loyal customers"],
            ["About to sleep", "About to sleep", "Need attention", "Loyal customers", "Loyal customers"],
            ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"],
            ["Lost", "Hibernating", "At risk", "At risk", "Can't lose them"],
        ];
        var data = new TheoryData<int, int, string>();
        for (var r = 5; r >= 1; r--)
        {
            for (var fm = 1; fm <= 5; fm++)
            {
                data.Add(r, fm, rows[5 - r][fm - 1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Name_EachCell_StandardSegment(int r, int fm, string expected) => Assert.Equal(expected, RfmGrid.Name(r, fm));

    [Fact]
    public void Name_EveryStandardSegmentAppears()
    {
        var names = Cells().Select(c => (string)c[2]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(11, names.Count());
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, 0)]
    public void Name_OutsideOneToFive_Throws(int r, int fm) => Assert.Throws<ArgumentOutOfRangeException>(() => RfmGrid.Name(r, fm));

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(3.0, 2)]
    [InlineData(10.0, 5)]
    public void Score_HigherIsBetter_QuintileOfValue(double value, int expected)
    {
        double[] customers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(expected, RfmGrid.Score(value, customers, lowerIsBetter: false));
    }

    [Fact]
    public void Score_Recency_FewerDaysScoresHigher()
    {
        double[] days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, RfmGrid.Score(1, days, lowerIsBetter: true));
        Assert.Equal(1, RfmGrid.Score(10, days, lowerIsBetter: true));
    }

    [Fact]
    public void FM_MeanOfFAndMRoundedHalfUp() => Assert.Equal((4, 5, 1), (new RfmScore(1, 3, 4).FM, new RfmScore(1, 5, 5).FM, new RfmScore(1, 1, 1).FM));
}
