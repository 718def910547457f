using Segmentation.Monitoring.Configuration;
using Segmentation.Monitoring.Statistics;

namespace Segmentation.Monitoring.Drift;

/// <summary>How the segment shares moved: PSI over segments, the chi-square goodness-of-fit test, and each segment's shares and profile.</summary>
/// <param name="Psi">PSI of the new shares against the training shares (both floored at 0.0001).</param>
/// <param name="ChiSquare">The new counts against the training shares (floored at 0.0001, rescaled to the new total).</param>
/// <param name="Status">The segment PSI's status.</param>
/// <param name="Shares">Every segment of either side, ascending by id.</param>
/// <param name="ProfileFeatures">The features profiled, in table order.</param>
public sealed record SegmentDrift(double Psi, ChiSquareResult ChiSquare, DriftStatus Status, IReadOnlyList<SegmentShare> Shares, IReadOnlyList<string> ProfileFeatures);
