using Segmentation.Clustering;
using Segmentation.Data.Features;
using Segmentation.Data.Versioning;

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

    /// <summary>Selects <paramref name="features"/> of a built feature table as a validated matrix with its content digest.</summary>
    public static TrainingData FromTable(CustomerFeatureTable table, IReadOnlyList<string> features, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(features);
        var selected = table.SelectFeatures(features);
        var matrix = new Matrix(selected.ToRowMajor(features), selected.RowCount, features.Count);
        matrix.Validate("features");
        // The dataset store's content digest of exactly the table trained on (same rows, selected columns).
        return new TrainingData(selected.CustomerIds, [.. features], matrix, DatasetDigest.Compute(selected), sourcePath);
    }
}
