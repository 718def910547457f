using Segmentation.Serving.Models;

namespace Segmentation.Serving.Http;

/// <summary>The model a server scores with: loaded once, never changed, swapped whole when the alias moves.</summary>
/// <param name="Model">The loaded model.</param>
/// <param name="Segments">The model's segments with their training profile.</param>
/// <param name="LoadedAt">When it was loaded (UTC).</param>
/// <param name="Products">Its products per segment, or why it has none.</param>
public sealed record ServedModel(LoadedModel Model, IReadOnlyList<ModelSegment> Segments, DateTimeOffset LoadedAt, ModelProducts? Products = null);
