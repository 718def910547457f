using Segmentation.Data.Products;

namespace Segmentation.Data.Tests.Products;

public sealed class SegmentSlotsTests
{
    [Theory]
    [InlineData(new[] { 2, 0, 2, -1, 0, 2 })]
    [InlineData(new[] { 5 })]
    [InlineData(new[] { int.MaxValue, int.MinValue, 0, int.MaxValue, -1 })]
    [InlineData(new[] { 3000, 7, 3000, 2_000_000, 7, 7 })]
    public void Of_AnyLabels_SlotsAreTheDistinctLabelsAscendingWithTheirRowsAndSizes(int[] labels)
    {
        var slots = SegmentSlots.Of(labels);

        var distinct = labels.Distinct().Order().ToArray();
        Assert.Equal(distinct, slots.Labels);
        Assert.Equal(distinct.Length, slots.Count);
        Assert.Equal(labels, slots.SlotOfRow.Select(s => slots.Labels[s]));
        Assert.Equal(distinct.Select(d => labels.Count(l => l == d)), slots.Sizes);
        Assert.Equal(slots.Labels, SegmentSlots.Of((IReadOnlyList<int>)labels.ToList()).Labels);
    }

    [Fact]
    public void Of_NoLabels_HasNoSlots()
    {
        var slots = SegmentSlots.Of(ReadOnlySpan<int>.Empty);

        Assert.Equal(0, slots.Count);
        Assert.Empty(slots.Labels);
        Assert.Empty(slots.SlotOfRow);
    }
}
