namespace Segmentation.Tracking.Search;

/// <summary>One order-by term, e.g. <c>metrics.silhouette DESC</c>.</summary>
public sealed record OrderByClause(FilterEntity Entity, string Key, bool Ascending);
