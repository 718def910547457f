namespace Segmentation.Serving.Models;

/// <summary>What a reference resolved to: the registered name and version (registry forms) and the run holding the model folder.</summary>
/// <param name="Reference">The reference resolved.</param>
/// <param name="Name">Registered model name, or null for runs:/ and folder references.</param>
/// <param name="Version">Model version, or null for runs:/ and folder references.</param>
/// <param name="RunId">The run whose <c>model</c> artifact folder is the model; null for a folder reference until it is read.</param>
public sealed record ResolvedModel(ModelReference Reference, string? Name, string? Version, string? RunId);
