using Segmentation.Clustering;
using Segmentation.Runner.Recording;

namespace Segmentation.Runner.Tests.Recording;

public sealed class ClusterProfileTests
{
    [Fact]
    public void ToCsv_LabelsFarApartInAnyOrder_RowsAscendWithEachSegmentsRowOrderMeans()
    {
        // Labels far apart (a hash, not a table, holds their slots) and interleaved: sums still in row order per segment.
        var x = Matrix.FromRows([[0.1, 1], [0.2, 2], [0.7, 3], [1e-9, 4], [5, 5]]);

        var csv = ClusterProfile.ToCsv(x, ["a", "b"], [2_000_000_000, -7, 2_000_000_000, -7, 0]);

        Assert.Equal(
            "segment,size,share,mean_a,mean_b\n"
            + $"-7,2,0.4,{G6((0.2 + 1e-9) / 2)},3\n"
            + "0,1,0.2,5,5\n"
            + $"2000000000,2,0.4,{G6((0.1 + 0.7) / 2)},2\n",
            csv);
    }

    private static string G6(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ToCsv_MoreLabelsThanRows_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterProfile.ToCsv(Matrix.FromRows([[1.0], [2.0]]), ["a"], [0, 1, 1]));

        Assert.Contains("3 labels for 2 rows", error.Message, StringComparison.Ordinal);
    }
}
