using Segmentation.Clustering.Pipeline;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Recording;

/// <summary>A fitted pipeline as the content of its model folder (<see cref="ModelFolder"/> owns the layout and the MLmodel).</summary>
public static class TrialModel
{
    /// <summary>The folder content of <paramref name="pipeline"/> with its cluster profile and any attachments (file name → text).</summary>
    /// <param name="pipeline">The fitted pipeline.</param>
    /// <param name="clusterProfileCsv">Its cluster profile (<see cref="ClusterProfile.ToCsv"/>).</param>
    /// <param name="attachments">More files of the folder, such as <c>segments.json</c>.</param>
    /// <param name="segmentNames">The segment names MLmodel records; null reads them back from the <c>segments.json</c> attachment, if any.</param>
    public static ModelFolderContent Content(
        FittedPipeline pipeline, string clusterProfileCsv, IReadOnlyDictionary<string, string>? attachments = null, IReadOnlyDictionary<int, string>? segmentNames = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(clusterProfileCsv);
        // The names the segment profiles gave travel in MLmodel too, where every MLflow client reads them.
        var names = segmentNames ?? (attachments?.GetValueOrDefault(Segments.SegmentsJson.FileName) is { } segments
            ? Segments.BestSegments.Parse(segments).ToDictionary(s => s.Segment, s => s.Name)
            : null);
        // The serializer's text is one JSON value by construction: the model document need not read it through again.
        return new ModelFolderContent(ModelDocumentParts.Serialized(pipeline.ToJson()), pipeline.FeatureNames, pipeline.Model.Algorithm, pipeline.FormatVersion, clusterProfileCsv, attachments)
        {
            SegmentNames = names,
        };
    }
}
