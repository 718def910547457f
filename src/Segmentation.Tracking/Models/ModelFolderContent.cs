namespace Segmentation.Tracking.Models;

/// <summary>What a model folder holds, as plain data (Tracking does not know the pipeline types; the Runner serialises them).</summary>
/// <param name="PipelineJson">The fitted pipeline as JSON text (written as <see cref="ModelFolder.PipelineFile"/>).</param>
/// <param name="FeatureNames">The input feature columns in order: the signature's inputs.</param>
/// <param name="Algorithm">The clustering algorithm's name, e.g. <c>kmeans</c>.</param>
/// <param name="FormatVersion">The pipeline JSON's format version.</param>
/// <param name="ClusterProfileCsv">The cluster profile as CSV text (written as <see cref="ModelFolder.ProfileFile"/>).</param>
/// <param name="Attachments">More files that travel with the model (file name → UTF-8 text, e.g. the named segment profiles
/// and the training data params), written into the folder before MLmodel on every layout (run folder and MLflow 3 logged model).</param>
public sealed record ModelFolderContent(
    string PipelineJson,
    IReadOnlyList<string> FeatureNames,
    string Algorithm,
    int FormatVersion,
    string ClusterProfileCsv,
    IReadOnlyDictionary<string, string>? Attachments = null)
{
    /// <summary>
    /// The name of each segment label (−1 is DBSCAN's noise), written into MLmodel's <c>metadata.segment_names</c> so any
    /// MLflow client reading the model sees them; null or empty writes no metadata.
    /// </summary>
    public IReadOnlyDictionary<int, string>? SegmentNames { get; init; }
}
