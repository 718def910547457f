namespace Segmentation.Runner.Segments;

/// <summary>One feature within one segment: its mean, its median and its lift (segment mean ÷ overall mean).</summary>
/// <param name="Mean">Mean over the segment's customers.</param>
/// <param name="Median">Median over the segment's customers (numpy's linear interpolation).</param>
/// <param name="Lift">Segment mean ÷ mean over all customers; NaN when the overall mean is 0.</param>
public sealed record FeatureStats(double Mean, double Median, double Lift);
