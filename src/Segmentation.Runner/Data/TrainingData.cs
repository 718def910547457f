using Segmentation.Clustering;

namespace Segmentation.Runner.Data;

/// <summary>The feature table a sweep trains on: one row per customer, the selected feature columns, and its digest.</summary>
/// <param name="CustomerIds">Customer id of each row.</param>
/// <param name="FeatureNames">Column names of <paramref name="Features"/>, in order.</param>
/// <param name="Features">Raw (unscaled) features, row-major.</param>
/// <param name="Digest">Content digest of exactly these rows and columns (the dataset store's <c>DatasetDigest</c>).</param>
/// <param name="SourcePath">The raw transactions file the table was built from.</param>
public sealed record TrainingData(long[] CustomerIds, IReadOnlyList<string> FeatureNames, Matrix Features, string Digest, string SourcePath)
{
    /// <summary>The dataset name logged with MLflow's dataset input.</summary>
    public string Name => "customer_features";
}
