using Segmentation.Tracking.Experiments;

namespace Segmentation.Tracking.Runs;

/// <summary>A run search in MLflow's filter and order-by syntax.</summary>
/// <param name="ExperimentIds">Experiments to search.</param>
/// <param name="Filter">e.g. <c>metrics.silhouette &gt; 0.3 AND tags.`mlflow.parentRunId` = '…'</c>; null = all runs.</param>
/// <param name="OrderBy">e.g. <c>metrics.silhouette DESC</c>; null/empty = <c>attributes.start_time DESC</c>.</param>
/// <param name="MaxResults">Total number of runs to return; null = all.</param>
/// <param name="ViewType">Lifecycle stages to include.</param>
public sealed record RunSearchRequest(
    IReadOnlyList<string> ExperimentIds,
    string? Filter = null,
    IReadOnlyList<string>? OrderBy = null,
    int? MaxResults = null,
    ViewType ViewType = ViewType.ActiveOnly);
