using System.Text.Json.Serialization;

namespace Segmentation.Tracking.Models;

/// <summary>One column of an MLmodel signature (MLflow's ColSpec): its name, type (<c>double</c>, <c>long</c>…) and whether it is required.</summary>
/// <remarks>Serialised as MLflow writes a ColSpec: <c>{"type": …, "name": …, "required": …}</c>, in that order.</remarks>
public sealed record ModelColumn(
    [property: JsonPropertyName("name"), JsonPropertyOrder(1)] string Name,
    [property: JsonPropertyName("type"), JsonPropertyOrder(0)] string Type,
    [property: JsonPropertyName("required"), JsonPropertyOrder(2)] bool Required);
