namespace Segmentation.Runner.Segments;

/// <summary>One line of the best trial's segment table: name, size, shares and the RFM medians (NaN when the table has no such column).</summary>
/// <param name="Segment">The label (−1 = noise).</param>
/// <param name="Name">The segment's name.</param>
/// <param name="Customers">Customers in the segment.</param>
/// <param name="Share">Customers ÷ all customers.</param>
/// <param name="RevenueShare">The segment's share of revenue (<c>monetary</c>).</param>
/// <param name="RecencyMedian">Median <c>recency_days</c>.</param>
/// <param name="FrequencyMedian">Median <c>frequency</c>.</param>
/// <param name="MonetaryMedian">Median <c>monetary</c>.</param>
public sealed record SegmentRow(
    int Segment, string Name, int Customers, double Share, double RevenueShare, double RecencyMedian, double FrequencyMedian, double MonetaryMedian);
