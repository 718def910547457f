using Segmentation.Tracking.Runs;

namespace Segmentation.Tracking.Sqlite;

/// <summary>One page of a run search and the token for the next page (null on the last page).</summary>
public sealed record RunSearchPage(IReadOnlyList<Run> Runs, string? NextPageToken);
