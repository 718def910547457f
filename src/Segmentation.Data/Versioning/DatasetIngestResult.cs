using Segmentation.Data.Features;
using Segmentation.Data.Pipeline;

namespace Segmentation.Data.Versioning;

/// <summary>A stored dataset version and its table; <see cref="Build"/> holds the pipeline reports on a cache miss.</summary>
public sealed record DatasetIngestResult(DatasetManifest Manifest, CustomerFeatureTable Table, bool CacheHit, FeatureBuildResult? Build);
