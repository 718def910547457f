using Segmentation.Data.Versioning;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Data;

/// <summary>
/// The data source of a real sweep: the data layer's pipeline through the dataset store, so the same raw file with the
/// same params is a lineage-cache hit that skips parsing, and every sweep trains on a stored, content-addressed version.
/// </summary>
public sealed class FeaturePipelineDataSource(DatasetStore store) : ISweepDataSource
{
    /// <summary>The store versions are read from and written to.</summary>
    public DatasetStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The outcome of the last <see cref="Load"/>: whether it was a cache hit.</summary>
    public bool? LastLoadWasCacheHit { get; private set; }

    /// <inheritdoc/>
    /// <remarks>A fresh ingest's version is written while the sweep trains (<see cref="TrainingData.Stored"/>).</remarks>
    public TrainingData Load(LoadedSweepConfig config, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dataset = DatasetIngestion.Ingest(config.Data, Store, workingDirectory, storeInBackground: true, cancellationToken);
        LastLoadWasCacheHit = dataset.CacheHit;
        var source = TrainingData.SourceAsGiven(config.Data.Ingestion.Input, workingDirectory);
        return TrainingData.FromDataset(dataset, config.Config.Search.Features ?? dataset.Table.FeatureNames, source);
    }
}
