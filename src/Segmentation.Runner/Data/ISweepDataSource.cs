using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Data;

/// <summary>Produces the training table of a sweep from its effective configuration.</summary>
public interface ISweepDataSource
{
    /// <summary>
    /// Builds (or reads) the feature table and selects the sweep's feature columns. The caller awaits the result's
    /// <see cref="TrainingData.Stored"/> before it relies on the dataset store, and before it returns.
    /// </summary>
    TrainingData Load(LoadedSweepConfig config, string workingDirectory, CancellationToken cancellationToken);
}
