namespace Segmentation.Tracking.Models;

/// <summary>What a model folder holds, as plain data (Tracking does not know the pipeline types; the Runner serialises them).</summary>
/// <param name="PipelineJson">The fitted pipeline as JSON text (written as <see cref="ModelFolder.PipelineFile"/>).</param>
/// <param name="FeatureNames">The input feature columns in order: the signature's inputs.</param>
/// <param name="Algorithm">The clustering algorithm's name, e.g. <c>kmeans</c>.</param>
/// <param name="FormatVersion">The pipeline JSON's format version.</param>
/// <param name="ClusterProfileCsv">The cluster profile as CSV text (written as <see cref="ModelFolder.ProfileFile"/>).</param>
public sealed record ModelFolderContent(string PipelineJson, IReadOnlyList<string> FeatureNames, string Algorithm, int FormatVersion, string ClusterProfileCsv);
