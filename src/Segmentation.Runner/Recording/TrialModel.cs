using Segmentation.Clustering.Pipeline;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Recording;

/// <summary>A fitted pipeline as the content of its model folder (<see cref="ModelFolder"/> owns the layout and the MLmodel).</summary>
public static class TrialModel
{
    /// <summary>The folder content of <paramref name="pipeline"/> with its cluster profile and any attachments (file name → text).</summary>
    public static ModelFolderContent Content(FittedPipeline pipeline, string clusterProfileCsv, IReadOnlyDictionary<string, string>? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(clusterProfileCsv);
        // The names the segment profiles gave travel in MLmodel too, where every MLflow client reads them.
        var names = attachments?.GetValueOrDefault(Segments.SegmentsJson.FileName) is { } segments
            ? Segments.BestSegments.Parse(segments).ToDictionary(s => s.Segment, s => s.Name)
            : null;
        return new ModelFolderContent(pipeline.ToJson(), pipeline.FeatureNames, pipeline.Model.Algorithm, pipeline.FormatVersion, clusterProfileCsv, attachments)
        {
            SegmentNames = names,
        };
    }
}
