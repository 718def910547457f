using System.Text.Json.Serialization;
using Segmentation.Core.Json;
using Segmentation.Data.Pipeline;

namespace Segmentation.Data.Versioning;

/// <summary>
/// Source-generated JSON metadata of a dataset version's lineage: the <see cref="DataOptions"/> every ingest hashes
/// (<see cref="DatasetIngestion.LineageParams"/>) and the <see cref="DatasetManifest"/> the store writes and reads
/// (<see cref="DatasetManifest.JsonOptions"/>). By reflection, the first serialisation built the metadata and emitted
/// accessors at run time: ~48 ms of CPU for the parameters alone on the sweep's serial start, before the transactions
/// are read, and more for the manifest.
/// </summary>
[JsonSerializable(typeof(DataOptions))]
[JsonSerializable(typeof(DatasetManifest))]
internal sealed partial class LineageJsonContext : JsonSerializerContext
{
    /// <summary>The context over <see cref="CanonicalJson"/>'s options, so its JSON is <see cref="CanonicalJson.From{T}(T)"/>'s.</summary>
    public static LineageJsonContext Canonical { get; } = new(CanonicalJson.NewOptions());
}
