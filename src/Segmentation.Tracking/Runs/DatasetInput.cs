namespace Segmentation.Tracking.Runs;

/// <summary>A dataset used by a run, with input tags such as <c>mlflow.data.context=training</c>.</summary>
public sealed record DatasetInput(Dataset Dataset, IReadOnlyDictionary<string, string> Tags);
