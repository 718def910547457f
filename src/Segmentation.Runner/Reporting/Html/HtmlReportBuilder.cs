using Segmentation.Clustering;
using Segmentation.Clustering.Decomposition;
using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Pipeline;
using Segmentation.Runner.Data;
using Segmentation.Runner.Segments;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>
/// Builds the <see cref="HtmlReport"/> from a sweep summary, the training table and the best trial's fitted pipeline —
/// the one path for both a sweep that just ran and <c>segment report</c> on a past one, so both draw the same figures
/// from the same inputs (the pipeline re-applied to the stored dataset version gives the preprocessed matrix and labels).
/// </summary>
public static class HtmlReportBuilder
{
    /// <summary>Customers scored for the silhouette plot: exact silhouette is O(n²), and a few thousand bars draw the same shape.</summary>
    public const int SilhouetteSample = 2000;

    /// <summary>Customers drawn on the projection; more only adds SVG weight.</summary>
    public const int ProjectionPoints = 3000;

    /// <summary>The report; <paramref name="bestPipeline"/> is the best trial's model (null when there is no eligible trial).</summary>
    public static HtmlReport Build(SweepSummary summary, DatasetFacts dataset, TrainingData data, FittedPipeline? bestPipeline)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(data);
        var best = summary.Leaderboard.Best?.Trial is { } trial && bestPipeline is not null ? View(trial, data, bestPipeline) : null;
        return new HtmlReport(summary, dataset, best);
    }

    /// <summary>The best trial's view: labels are the pipeline's predictions on the training table.</summary>
    public static BestTrialView View(TrialRun trial, TrainingData data, FittedPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pipeline);
        var transformed = pipeline.Preprocessor.Transform(data.Features, data.FeatureNames);
        var labels = pipeline.Model.Predict(transformed);
        var segments = SegmentProfiler.Profile(data, labels);
        var (features, means) = StandardisedMeans(data, labels, segments);
        return new BestTrialView(trial, segments, Silhouettes(transformed, labels), Project(transformed, labels), features, means);
    }

    private static Dictionary<int, double[]> Silhouettes(Matrix transformed, int[] labels)
    {
        SilhouetteResult result;
        try
        {
            result = Silhouette.Compute(transformed, labels, new SilhouetteOptions(SilhouetteSample, Seed: 0));
        }
        catch (ArgumentException)
        {
            // Fewer than two segments (or all noise): silhouette is undefined and the plot is left out.
            return [];
        }

        return result.Labels
            .Select((label, p) => (label, value: result.Values[p]))
            .GroupBy(v => v.label)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Select(v => v.value).OrderDescending().ToArray());
    }

    private static List<ProjectedPoint> Project(Matrix transformed, int[] labels)
    {
        var components = Math.Min(2, transformed.Cols);
        Matrix projected;
        try
        {
            projected = Pca.Fit(transformed, new ReductionSpec(Components: components)).Transform(transformed);
        }
        catch (ArgumentException)
        {
            return [];
        }

        // A fixed stride keeps the drawn subset the same on every run, spread over the whole table.
        var stride = Math.Max(1, (projected.Rows + ProjectionPoints - 1) / ProjectionPoints);
        var points = new List<ProjectedPoint>();
        for (var i = 0; i < projected.Rows; i += stride)
        {
            points.Add(new ProjectedPoint(projected[i, 0], components > 1 ? projected[i, 1] : 0, labels[i]));
        }

        return points;
    }

    private static (IReadOnlyList<string> Features, double[,] Means) StandardisedMeans(TrainingData data, int[] labels, IReadOnlyList<SegmentProfile> segments)
    {
        var features = data.FeatureNames;
        var means = new double[segments.Count, features.Count];
        var index = segments.Select((s, i) => (s.Segment, i)).ToDictionary(p => p.Segment, p => p.i);
        for (var j = 0; j < features.Count; j++)
        {
            var column = data.Features.Column(j);
            var mean = column.Average();
            var sd = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Length);
            var sums = new double[segments.Count];
            for (var i = 0; i < column.Length; i++)
            {
                sums[index[labels[i]]] += column[i];
            }

            for (var s = 0; s < segments.Count; s++)
            {
                // A constant column has no spread: every segment sits at the mean.
                means[s, j] = sd > 0 ? ((sums[s] / segments[s].Size) - mean) / sd : 0;
            }
        }

        return (features, means);
    }
}
