using System.Text.Json.Serialization;

namespace Segmentation.Tracking.Models;

/// <summary>
/// Source-generated JSON metadata of what an MLmodel file embeds as JSON (the signature's column lists). By reflection,
/// the first model a sweep logged built dictionary and object-valued metadata at run time.
/// </summary>
[JsonSerializable(typeof(ModelColumn[]))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
