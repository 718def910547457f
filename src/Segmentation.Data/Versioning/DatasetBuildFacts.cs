using Segmentation.Data.Pipeline;

namespace Segmentation.Data.Versioning;

/// <summary>What parsing the raw file found, kept in the manifest so a cache hit (or a later report) can still tell it.</summary>
/// <param name="RowsRead">Transaction rows read, rejected ones included.</param>
/// <param name="RowsRejected">Rows left out as unparseable.</param>
/// <param name="RowsRemovedByRule">Rows removed by each enabled cleaning rule, keyed by the rule's description, in rule order.</param>
/// <param name="ReferenceDate">The reference date of recency and tenure.</param>
public sealed record DatasetBuildFacts(long RowsRead, long RowsRejected, IReadOnlyDictionary<string, long> RowsRemovedByRule, DateOnly ReferenceDate)
{
    /// <summary>The facts of one pipeline run.</summary>
    public static DatasetBuildFacts Of(FeatureBuildResult build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var removed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var rule in build.Cleaning.Rules.Where(r => r.Enabled))
        {
            removed[rule.Description] = rule.RowsRemoved;
        }

        return new DatasetBuildFacts(build.Ingestion.RowsRead, build.Ingestion.RowsRejected, removed, build.ReferenceDate);
    }
}
