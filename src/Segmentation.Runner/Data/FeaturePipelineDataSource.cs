using Segmentation.Data.Pipeline;
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
        return TrainingData.FromTable(built.Table, config.Config.Search.Features ?? built.Table.FeatureNames, built.InputPath);
    }
}
