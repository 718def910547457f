using Segmentation.Data.Features;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Products;

namespace Segmentation.Data.Versioning;

/// <summary>A stored dataset version and its table; <see cref="Build"/> holds the pipeline reports on a cache miss.</summary>
/// <param name="Manifest">The version's manifest.</param>
/// <param name="Table">Its feature table.</param>
/// <param name="CacheHit">Whether it was found through the lineage cache.</param>
/// <param name="Build">The pipeline reports, on a cache miss.</param>
/// <param name="Products">The (customer, product) purchases it was built from; null when not computed (a table made in memory).</param>
public sealed record DatasetIngestResult(DatasetManifest Manifest, CustomerFeatureTable Table, bool CacheHit, FeatureBuildResult? Build, CustomerProducts? Products = null)
{
    /// <summary>
    /// Completes when the version is in the store: at once, unless it was ingested with <c>storeInBackground</c> and its
    /// files are still being written; faults with the write's error.
    /// </summary>
    public Task Stored { get; init; } = Task.CompletedTask;
}
