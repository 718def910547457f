using Segmentation.Data.Pipeline;
using Segmentation.Data.Versioning;
using Segmentation.Runner.Data;

namespace Segmentation.Runner.Reporting.Html;

/// <summary>What the report says about the training data: digest, source, rows read and removed, customers, reference date.</summary>
/// <param name="Digest">The dataset version's digest.</param>
/// <param name="Name">The dataset name.</param>
/// <param name="Source">The raw file the version was built from.</param>
/// <param name="Customers">Rows (customers) of the training table.</param>
/// <param name="RowsRead">Transaction rows read, or null when neither this invocation nor the manifest says.</param>
/// <param name="RowsRejected">Rows rejected as unparseable, or null when unknown.</param>
/// <param name="RemovedByRule">Rows removed per cleaning rule (enabled rules only), or null when unknown.</param>
/// <param name="ReferenceDate">The reference date of recency and tenure, or null when unknown.</param>
public sealed record DatasetFacts(
    string Digest,
    string Name,
    string Source,
    int Customers,
    long? RowsRead = null,
    long? RowsRejected = null,
    IReadOnlyList<KeyValuePair<string, long>>? RemovedByRule = null,
    DateOnly? ReferenceDate = null)
{
    /// <summary>The facts of <paramref name="data"/>, with the pipeline's reports when this invocation built the table.</summary>
    /// <param name="data">The training table.</param>
    /// <param name="manifest">The stored version's manifest, for its source on a cache hit; null when unknown.</param>
    /// <param name="build">The pipeline's reports on a cache miss; null on a cache hit or for a past sweep (the manifest's are used).</param>
    public static DatasetFacts Of(TrainingData data, DatasetManifest? manifest, FeatureBuildResult? build)
    {
        ArgumentNullException.ThrowIfNull(data);
        var facts = new DatasetFacts(data.Digest, data.Name, manifest?.RawInput.Path ?? data.SourcePath, data.CustomerIds.Length);
        // This invocation's own reports first; else what the manifest kept when the version was built.
        var kept = build is not null ? DatasetBuildFacts.Of(build) : manifest?.Build;
        return kept is null
            ? facts
            : facts with
            {
                RowsRead = kept.RowsRead,
                RowsRejected = kept.RowsRejected,
                RemovedByRule = [.. kept.RowsRemovedByRule],
                ReferenceDate = kept.ReferenceDate,
            };
    }
}
