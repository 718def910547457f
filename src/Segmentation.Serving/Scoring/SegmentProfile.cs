namespace Segmentation.Serving.Scoring;

/// <summary>One segment of a scoring: its size, share of customers and of revenue, and the mean of each raw feature.</summary>
/// <param name="Segment">Segment id (−1 = noise).</param>
/// <param name="Name">Segment name.</param>
/// <param name="Size">Customers in the segment.</param>
/// <param name="Share">Size over all scored customers.</param>
/// <param name="RevenueShare">The segment's monetary over all scored customers' monetary; null when the input has no monetary.</param>
/// <param name="FeatureMeans">Mean of each feature of the batch, by name.</param>
public sealed record SegmentProfile(int Segment, string Name, int Size, double Share, double? RevenueShare, IReadOnlyDictionary<string, double> FeatureMeans);
