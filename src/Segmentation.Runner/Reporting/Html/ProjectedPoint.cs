namespace Segmentation.Runner.Reporting.Html;

/// <summary>One customer on the 2-D projection.</summary>
/// <param name="X">First principal component.</param>
/// <param name="Y">Second principal component (0 when the matrix has one column).</param>
/// <param name="Segment">The customer's segment.</param>
public sealed record ProjectedPoint(double X, double Y, int Segment);
