using System.Text.Json.Serialization;
using Segmentation.Core.Json;
using Segmentation.Data.Pipeline;

namespace Segmentation.Data.Versioning;

/// <summary>
/// Source-generated JSON metadata of <see cref="DataOptions"/>, for the lineage parameters every ingest hashes
/// (<see cref="DatasetIngestion.LineageParams"/>). By reflection, the first serialisation built the metadata and emitted
/// accessors at run time: ~48 ms of CPU on the sweep's serial start, before the transactions are read.
/// </summary>
[JsonSerializable(typeof(DataOptions))]
internal sealed partial class LineageJsonContext : JsonSerializerContext
{
    /// <summary>The context over <see cref="CanonicalJson"/>'s options, so its JSON is <see cref="CanonicalJson.From{T}(T)"/>'s.</summary>
    public static LineageJsonContext Canonical { get; } = new(CanonicalJson.NewOptions());
}
