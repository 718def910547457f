namespace Segmentation.Data.Versioning;

/// <summary>A stored dataset version as a report names it, without its table (see <see cref="DatasetIngestion.IngestForReport"/>).</summary>
/// <param name="Manifest">The version's manifest.</param>
/// <param name="CacheHit">Whether it was found through the lineage cache.</param>
public sealed record DatasetIngestSummary(DatasetManifest Manifest, bool CacheHit);
