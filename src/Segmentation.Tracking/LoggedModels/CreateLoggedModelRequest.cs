namespace Segmentation.Tracking.LoggedModels;

/// <summary>What <c>POST logged-models</c> takes (v3 fixtures 92, 177): experiment, name, source run, params and tags.</summary>
/// <param name="ModelType">Free text MLflow shows in the Models tab; null sends none, as MLflow's Python client does.</param>
public sealed record CreateLoggedModelRequest(
    string ExperimentId,
    string Name,
    string? SourceRunId,
    IReadOnlyDictionary<string, string>? Params = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    string? ModelType = null);
