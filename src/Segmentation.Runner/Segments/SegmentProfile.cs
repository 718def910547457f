namespace Segmentation.Runner.Segments;

/// <summary>What one segment is: its size, its share of customers and revenue, every feature's statistics, its name and description.</summary>
/// <param name="Segment">The label (−1 = noise).</param>
/// <param name="Size">Customers in the segment.</param>
/// <param name="Share">Size ÷ all customers.</param>
/// <param name="RevenueShare">The segment's revenue (<c>monetary</c>) ÷ total revenue; NaN without a revenue column or a positive total.</param>
/// <param name="Features">Statistics of every column of the dataset version (not only the clustered ones), in table order.</param>
/// <param name="Rfm">The segment's RFM scores when the RFM rule named it, else null.</param>
/// <param name="Name">The segment's name (<see cref="SegmentNamer"/>), or an override from params.yaml.</param>
/// <param name="Description">One line in words (<see cref="SegmentDescriber"/>).</param>
public sealed record SegmentProfile(
    int Segment,
    int Size,
    double Share,
    double RevenueShare,
    IReadOnlyList<KeyValuePair<string, FeatureStats>> Features,
    RfmScore? Rfm = null,
    string Name = "",
    string Description = "")
{
    /// <summary>The statistics of a feature, or null when the table has no such column.</summary>
    public FeatureStats? Feature(string name) => Features.FirstOrDefault(f => f.Key == name).Value;
}
