using Segmentation.Runner.Segments;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>The best trial as the report draws it: its segments, per-customer silhouettes, a 2-D projection and standardised means.</summary>
/// <param name="Trial">The best eligible trial.</param>
/// <param name="Segments">Every segment's profile (noise −1 first when present).</param>
/// <param name="Silhouettes">Per-customer silhouette by segment label, each sorted descending; empty when it is undefined (fewer than 2 segments).</param>
/// <param name="Projection">First two principal components of the preprocessed matrix, one point per customer (drawn customers only), with its segment.</param>
/// <param name="HeatmapFeatures">Feature names of the heatmap rows.</param>
/// <param name="StandardisedMeans">[segment index in <paramref name="Segments"/>, feature index]: (segment mean − overall mean) ÷ overall standard deviation.</param>
public sealed record BestTrialView(
    TrialRun Trial,
    IReadOnlyList<SegmentProfile> Segments,
    IReadOnlyDictionary<int, double[]> Silhouettes,
    IReadOnlyList<ProjectedPoint> Projection,
    IReadOnlyList<string> HeatmapFeatures,
    double[,] StandardisedMeans);
