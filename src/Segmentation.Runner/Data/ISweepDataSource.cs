using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Data;

/// <summary>Produces the training table of a sweep from its effective configuration.</summary>
public interface ISweepDataSource
{
    /// <summary>Builds (or reads) the feature table and selects the sweep's feature columns.</summary>
    TrainingData Load(LoadedSweepConfig config, string workingDirectory, CancellationToken cancellationToken);
}
