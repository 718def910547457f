using Segmentation.Clustering;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Data;

/// <summary>The data source of a real sweep: ingest, clean and build customer features with the data layer's pipeline.</summary>
public sealed class FeaturePipelineDataSource : ISweepDataSource
{
    /// <inheritdoc/>
    public TrainingData Load(LoadedSweepConfig config, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var built = FeaturePipeline.Run(config.Data, workingDirectory, cancellationToken);
        var table = built.Table;
        var features = config.Config.Search.Features ?? table.FeatureNames;
        var selected = table.SelectFeatures(features);
        var matrix = new Matrix(selected.ToRowMajor(features), selected.RowCount, features.Count);
        matrix.Validate("features");
        // The dataset store's content digest of exactly the table trained on (same rows, selected columns).
        return new TrainingData(selected.CustomerIds, [.. features], matrix, DatasetDigest.Compute(selected), built.InputPath);
    }
}
