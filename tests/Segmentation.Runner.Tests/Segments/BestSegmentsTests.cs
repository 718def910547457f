using Segmentation.Runner.Segments;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Tests.Segments;

public sealed class BestSegmentsTests
{
    [Fact]
    public void Parse_SegmentsJson_ReadsNamesSizesSharesAndRfmMedians()
    {
        var rows = BestSegments.Parse(SegmentsJson.Write(SegmentSamples.Profiles));

        Assert.Equal(
            [new SegmentRow(0, "Hibernating", 300, 0.75, 0.25, 200, 1, 300), new SegmentRow(1, "Champions", 100, 0.25, 0.75, 6, 7, 2500)],
            rows);
    }

    [Fact]
    public void Parse_NoRevenueNorRfmColumns_GivesNaN()
    {
        var profile = new SegmentProfile(0, 5, 1, double.NaN, [new("return_rate", new FeatureStats(0.1, 0, 1))], Name: "high return_rate");

        var row = Assert.Single(BestSegments.Parse(SegmentsJson.Write([profile])));

        Assert.True(double.IsNaN(row.RevenueShare) && double.IsNaN(row.RecencyMedian) && double.IsNaN(row.MonetaryMedian));
    }

    [Fact]
    public async Task LoadAsync_FolderReadNotAModelFolder_Null()
    {
        var read = Task.FromException<ModelFolder>(new ModelFolderException("model/MLmodel", "not a model folder this tool wrote"));

        Assert.Null(await BestSegments.LoadAsync(read));
    }

    [Fact]
    public async Task LoadAsync_FolderReadFailsOtherwise_Rethrows()
    {
        var read = Task.FromException<ModelFolder>(new IOException("disk gone"));

        await Assert.ThrowsAsync<IOException>(() => BestSegments.LoadAsync(read));
    }
}
