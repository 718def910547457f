using System.Text.Json.Serialization;

namespace Segmentation.Data.Versioning;

// Compile-time serializer metadata for manifests: a repeated `data ingest` or `data list` reads a manifest once per
// process, and building the reflection metadata for it cost more start-up time than the read itself. The settings
// are those of DatasetManifest.JsonOptions, so the bytes written are the same.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(DatasetManifest))]
internal sealed partial class DatasetManifestJsonContext : JsonSerializerContext;
